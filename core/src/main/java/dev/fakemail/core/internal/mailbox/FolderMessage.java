package dev.fakemail.core.internal.mailbox;

import java.util.Set;

/** A message in one folder: its UID, its content, and its flags (changed only through the folder). */
public final class FolderMessage {
  private final long uid;
  private final MailContent content;
  private volatile Set<String> flags;
  private volatile boolean expunged;
  private final boolean charged;

  FolderMessage(long uid, MailContent content, Set<String> flags, boolean charged) {
    this.uid = uid;
    this.content = content;
    this.flags = Set.copyOf(flags);
    this.charged = charged;
  }

  /** Whether the folder releases this entry's charge to the memory account when it leaves. */
  boolean charged() {
    return charged;
  }

  public long uid() {
    return uid;
  }

  public MailContent content() {
    return content;
  }

  /** The flags now (an immutable copy), without \Recent, which is per session. */
  public Set<String> flags() {
    return flags;
  }

  public boolean hasFlag(String flag) {
    for (String f : flags) {
      if (f.equalsIgnoreCase(flag)) {
        return true;
      }
    }
    return false;
  }

  void flags(Set<String> f) {
    this.flags = Set.copyOf(f);
  }

  /** Whether it was removed from its folder. A session may still show it until it reports the expunge. */
  public boolean expunged() {
    return expunged;
  }

  void markExpunged() {
    expunged = true;
  }

  @Override
  public String toString() {
    return "FolderMessage[uid " + uid + ", " + content.size() + " octets, " + flags + "]";
  }
}
