package dev.fakemail.core.internal.net;

import java.io.IOException;

/** A line passed its limit; the rest of it up to its end was read and dropped. */
public final class LineTooLongException extends IOException {
  public LineTooLongException(int limit) {
    super("line longer than " + limit + " octets", null);
    setStackTrace(new StackTraceElement[0]);
  }
}
