package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.Flags;
import dev.fakemail.core.internal.mailbox.Folder;
import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.mailbox.MailContent;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** APPEND mailbox [(flags)] [date-time] literal (RFC 3501 §6.3.11), answered with APPENDUID (RFC 4315). */
final class AppendCommand implements ImapCommand {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

  @Override public Set<String> names() { return Set.of("APPEND"); }

  @Override public Set<ImapState> validIn() { return ImapCommand.AUTHENTICATED; }

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws ImapException {
    ImapArgs a = r.args();
    String name = a.mailbox();
    a.sp();
    Set<String> flags = new LinkedHashSet<>();
    if (a.peek() == '(') {
      for (String f : a.flagList()) {
        try {
          flags.add(Flags.canonical(f));
        } catch (IllegalArgumentException e) {
          throw ImapException.bad(e.getMessage());
        }
      }
      a.sp();
    }
    Instant date = Instant.now();
    if (a.peek() == '"') {
      String text = new String(a.stringBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
      try {
        date = ZonedDateTime.parse(text, DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw ImapException.bad("Bad date-time " + text + "; expected dd-Mon-yyyy hh:mm:ss +zzzz");
      }
      a.sp();
    }
    if (a.peek() != ImapArgs.LITERAL) {
      throw ImapException.bad("Expected the message as a literal");
    }
    byte[] message = a.stringBytes();
    a.end();
    Folder f = s.mailbox().folder(name).orElse(null);
    if (f == null) {
      return ImapResult.TRYCREATE;
    }
    if (f.noselect()) {
      return ImapResult.NOSELECT;
    }
    MailContent content = MailContent.appended(message, date);
    // the reader charged the literals before reading them; the entry keeps its share, the session releases the rest
    long charge = Folder.charge(content);
    long reserved = s.takeReserved();
    if (reserved < charge && !s.config().mailboxes().account().tryCharge(charge - reserved)) {
      s.config().mailboxes().account().release(reserved);
      return ImapResult.OVERQUOTA;
    }
    s.config().mailboxes().account().release(Math.max(0, reserved - charge));
    FolderMessage m = f.addCharged(content, flags);
    return ImapResult.ok("APPENDUID " + f.uidValidity() + " " + m.uid(), "APPEND completed");
  }
}
