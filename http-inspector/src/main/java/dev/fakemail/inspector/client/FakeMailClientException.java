package dev.fakemail.inspector.client;

/** The inspection API answered with an error, or could not be reached. */
public final class FakeMailClientException extends RuntimeException {
  private final int status;

  public FakeMailClientException(int status, String message) {
    super(message);
    this.status = status;
  }

  public FakeMailClientException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The HTTP status of the answer, or 0 when there was none (connection failed). */
  public int status() {
    return status;
  }
}
