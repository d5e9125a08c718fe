package dev.fakemail.inspector.internal.json;

/**
 * One recipient's mailbox: {@code messages} stored for the address, {@code unseen} the messages in
 * its folders without {@code \Seen} (a POP3 or IMAP client that reads one marks it seen).
 */
public record MailboxJson(String address, int messages, int unseen) {}
