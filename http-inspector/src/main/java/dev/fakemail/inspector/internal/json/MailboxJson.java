package dev.fakemail.inspector.internal.json;

/** One recipient's mailbox; {@code unseen} counts messages no POP3/IMAP client has read yet. */
public record MailboxJson(String address, int messages, int unseen) {}
