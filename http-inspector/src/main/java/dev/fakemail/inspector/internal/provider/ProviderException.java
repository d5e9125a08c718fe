package dev.fakemail.inspector.internal.provider;

/**
 * A refusal in the provider's own words: the HTTP status and the body the provider answers with,
 * already in its shape. Nothing is stored from a request that ends in one.
 */
public final class ProviderException extends RuntimeException {
  private final int status;
  private final transient Object body;
  private final String retryAfter;

  public ProviderException(int status, Object body) {
    this(status, body, null);
  }

  public ProviderException(int status, Object body, String retryAfter) {
    super("provider answer " + status, null, false, false);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  /** The answer's JSON body (a record, map or tree), or a String sent as it is. */
  public Object body() {
    return body;
  }

  /** The {@code Retry-After} header to send, or null. */
  public String retryAfter() {
    return retryAfter;
  }
}
