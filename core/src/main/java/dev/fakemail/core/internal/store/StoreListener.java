package dev.fakemail.core.internal.store;

import dev.fakemail.core.ReceivedMessage;

/** Told of changes to the store, after they happen, outside the store's lock. */
public interface StoreListener {
  default void added(ReceivedMessage message) {}

  default void removed(ReceivedMessage message) {}

  /** Every message was removed at once (purge or reset). */
  default void cleared() {}
}
