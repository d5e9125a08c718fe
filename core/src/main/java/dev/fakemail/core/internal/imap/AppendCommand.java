package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.Flags;
import dev.fakemail.core.internal.mailbox.Folder;
import dev.fakemail.core.internal.mailbox.MailContent;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * APPEND mailbox [(flags)] [date-time] literal (RFC 3501 §6.3.11), answered with APPENDUID (RFC 4315);
 * with MULTIAPPEND (RFC 3502) several messages in one command, all parsed before any is stored; the
 * literal may be {@code UTF8 (~literal8)} (RFC 6855 §4), stored as given.
 */
final class AppendCommand extends BasicCommand<ImapState> implements ImapCommand {
  AppendCommand() {
    super(ImapState.LOGGED_IN, "APPEND");
  }

  /** RFC 3501 date-time, the month in any case; the day may be space-padded ("date-day-fixed"). */
  private static final DateTimeFormatter DATE_TIME = new java.time.format.DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendPattern("d-MMM-yyyy HH:mm:ss Z").toFormatter(Locale.ROOT);

  /** One message of the command: its flags, internal date and octets. */
  private record Message(Set<String> flags, Instant date, byte[] octets) {}

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws ImapException {
    ImapArgs a = r.args();
    String name = a.mailbox();
    a.sp();
    List<Message> messages = new ArrayList<>();
    messages.add(message(a));
    while (a.tryChar(' ')) { // MULTIAPPEND (RFC 3502): more messages, all or none
      messages.add(message(a));
    }
    a.end();
    Folder f = s.mailbox().folder(name).orElse(null);
    if (f == null) {
      return ImapResult.TRYCREATE;
    }
    if (f.noselect()) {
      return ImapResult.NOSELECT;
    }
    Set<String> allFlags = new LinkedHashSet<>();
    for (Message m : messages) {
      allFlags.addAll(m.flags());
    }
    if (!f.acceptsKeywords(allFlags)) {
      return ImapResult.TOO_MANY_KEYWORDS;
    }
    List<MailContent> contents = new ArrayList<>();
    long charge = 0;
    for (Message m : messages) {
      MailContent content = MailContent.appended(m.octets(), m.date());
      contents.add(content);
      charge += Folder.charge(content);
    }
    // the reader charged the literals before reading them; the entries keep their share, the session releases the rest
    long reserved = s.takeReserved();
    if (reserved < charge && !s.config().mailboxes().account().tryCharge(charge - reserved)) {
      s.config().mailboxes().account().release(reserved);
      return ImapResult.OVERQUOTA; // all or none (RFC 3502)
    }
    s.config().mailboxes().account().release(Math.max(0, reserved - charge));
    List<Long> uids = new ArrayList<>();
    for (int i = 0; i < contents.size(); i++) {
      uids.add(f.addCharged(contents.get(i), messages.get(i).flags()).uid());
    }
    return ImapResult.ok("APPENDUID " + f.uidValidity() + " " + SearchCommand.sequenceSet(uids), "APPEND completed");
  }

  /** {@code [(flags)] [date-time] literal}. */
  private static Message message(ImapArgs a) throws ImapException {
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
    if (a.peek() != ImapArgs.LITERAL && a.peekAtom().equalsIgnoreCase("UTF8")) {
      // RFC 6855 §4: UTF8 (~{n}...), a message that may carry UTF-8 headers, as a literal8; kept as it is
      a.atom();
      a.sp();
      a.expect('(');
      a.expect('~');
      if (a.peek() != ImapArgs.LITERAL) {
        throw ImapException.bad("Expected the message as a literal8");
      }
      byte[] octets = a.stringBytes();
      a.expect(')');
      return new Message(flags, date, octets);
    }
    boolean literal8 = a.tryChar('~'); // BINARY (RFC 3516 §4.4)
    if (a.peek() != ImapArgs.LITERAL) {
      throw ImapException.bad("Expected the message as a literal");
    }
    return new Message(flags, date, literal8 ? BinaryParts.encodeBinaryParts(a.stringBytes()) : a.stringBytes());
  }
}
