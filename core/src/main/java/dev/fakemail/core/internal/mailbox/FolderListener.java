package dev.fakemail.core.internal.mailbox;

/**
 * Told of each change to a folder, under the folder's lock: keep it short (queue the event, wake a
 * waiting session). This is how IMAP sessions learn of changes made by others, and how IDLE wakes.
 */
public interface FolderListener {
  /** A message was added; {@code recent} is true for the one session that gets it as \Recent. */
  void added(FolderMessage message, boolean recent);

  void expunged(FolderMessage message);

  /** The flags of a message changed; {@code origin} is whoever changed them. */
  void flagsChanged(FolderMessage message, Object origin);

  /** Whether this listener may take \Recent (a read-write selection). */
  boolean takesRecent();
}
