package dev.fakemail.core.internal.store;

/** The store is at its cap (count or bytes); the message was not stored. Stackless: it is a reply, not a bug. */
public final class StoreFullException extends Exception {
  public StoreFullException(String message) {
    super(message, null, false, false);
  }
}
