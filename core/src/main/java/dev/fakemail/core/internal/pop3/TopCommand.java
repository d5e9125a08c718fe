package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.mailbox.MailContent;
import dev.fakemail.core.internal.protocol.BasicCommand;

/** TOP msg n (RFC 1939 §7): the header, the empty line, and the first n lines of the body. */
final class TopCommand extends BasicCommand<Pop3State> implements Pop3Command {
  TopCommand() {
    super(Pop3State.TRANSACTION_ONLY, "TOP");
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) throws java.io.IOException {
    Pop3Reply fault = s.retrFault();
    if (fault != null) {
      return fault;
    }
    String[] a = args.trim().split(" +");
    if (a.length != 2) {
      return Pop3Reply.syntax("TOP msg n");
    }
    int lines;
    try {
      lines = Integer.parseInt(a[1]);
    } catch (NumberFormatException e) {
      return Pop3Reply.syntax("TOP msg n, n a number of lines");
    }
    if (lines < 0) {
      return Pop3Reply.syntax("TOP msg n, n not negative");
    }
    FolderMessage m;
    try {
      m = s.message(a[0]);
    } catch (Pop3Exception e) {
      return e.reply();
    }
    MailContent c = m.content();
    byte[] all = c.bytes();
    int end = c.headerLength();
    for (int n = 0; n < lines && end < all.length; n++) {
      while (end < all.length && all[end] != '\n') {
        end++;
      }
      if (end < all.length) {
        end++;
      }
    }
    int length = end;
    return new Pop3Reply(true, "Top of message follows", out -> out.write(all, 0, length));
  }
}
