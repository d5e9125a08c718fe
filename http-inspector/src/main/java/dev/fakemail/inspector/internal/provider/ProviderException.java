package dev.fakemail.inspector.internal.provider;

/**
 * A refusal in the provider's own words: the HTTP status and the body the provider answers with,
 * already in its shape. Nothing is stored from a request that ends in one.
 */
public final class ProviderException extends RuntimeException {
  private final int status;
  private final transient Object body;
  private final String retryAfter;
  private final java.util.Map<String, String> headers;

  public ProviderException(int status, Object body) {
    this(status, body, null);
  }

  public ProviderException(int status, Object body, String retryAfter) {
    this(status, body, retryAfter, java.util.Map.of());
  }

  public ProviderException(int status, Object body, String retryAfter, java.util.Map<String, String> headers) {
    super("provider answer " + status, null, false, false);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
    this.headers = java.util.Map.copyOf(headers);
  }

  /** Further answer headers (such as {@code x-amzn-ErrorType}). */
  public java.util.Map<String, String> headers() {
    return headers;
  }

  /** The same answer with {@code Retry-After} (for fault rules). */
  public ProviderException withRetryAfter(String seconds) {
    return new ProviderException(status, body, seconds, headers);
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
