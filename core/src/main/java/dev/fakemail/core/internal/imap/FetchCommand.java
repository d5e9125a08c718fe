package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.Flags;
import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.mailbox.MailContent;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * FETCH and UID FETCH (RFC 3501 §6.4.5): FLAGS, UID, INTERNALDATE, RFC822.SIZE, ENVELOPE,
 * BODYSTRUCTURE, BODY, BODY[section]&lt;partial&gt;, BODY.PEEK, RFC822, RFC822.HEADER, RFC822.TEXT and
 * the macros ALL, FAST, FULL. A non-peek body fetch sets \Seen (and reports FLAGS).
 */
final class FetchCommand extends BasicCommand<ImapState> implements ImapCommand {
  FetchCommand() {
    super(ImapState.SELECTED_ONLY, "FETCH", "UID FETCH");
  }

  enum Kind { FLAGS, UID, INTERNALDATE, SIZE, ENVELOPE, BODYSTRUCTURE, BODY, SECTION, RFC822, RFC822_HEADER, RFC822_TEXT,
    BINARY, BINARY_SIZE }

  /**
   * One fetch attribute; for SECTION, BINARY and BINARY_SIZE the section, parsed, and the partial
   * range (start -1: none).
   */
  record Item(Kind kind, FetchSection fetchSection, boolean peek, long start, long length) {
    static Item of(Kind k) {
      return new Item(k, null, true, -1, -1);
    }

    /** The section as the client wrote it, which the response repeats; null for an item without one. */
    String section() {
      return fetchSection == null ? null : fetchSection.text();
    }

    boolean setsSeen() {
      return ((kind == Kind.SECTION || kind == Kind.BINARY) && !peek) || kind == Kind.RFC822 || kind == Kind.RFC822_TEXT;
    }
  }

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
    Optional<dev.fakemail.core.Fault> fault = s.fault(dev.fakemail.core.Fault.Stage.FETCH, s.user());
    if (fault.isPresent()) {
      return LoginCommands.resultFor(fault.get(), "SERVERBUG");
    }
    Fetch fetch = parse(r);
    SequenceSet set = fetch.set();
    List<Item> items = fetch.items();
    SelectedFolder sel = s.selected();
    boolean setsSeen = !sel.readOnly() && items.stream().anyMatch(Item::setsSeen);
    for (FolderMessage m : set.resolve(sel, r.uid())) {
      boolean flagsChanged = false;
      if (setsSeen && !m.hasFlag(Flags.SEEN) && !m.expunged()) {
        sel.folder().store(m, Flags.Mode.ADD, Set.of(Flags.SEEN), s);
        flagsChanged = true;
      }
      List<String> flags = sel.flags(m); // read once: the keywords told in FLAGS first are the ones shown
      sel.announceKeywords(flags);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(("* " + sel.seqOfUid(m.uid()) + " FETCH (").getBytes(StandardCharsets.US_ASCII));
      boolean first = true;
      boolean flagsSent = false;
      for (Item item : items) {
        if (!first) {
          out.write(' ');
        }
        first = false;
        flagsSent |= item.kind() == Kind.FLAGS;
        write(out, item, m, flags, s.utf8());
      }
      if (flagsChanged && !flagsSent) {
        out.write(' ');
        write(out, Item.of(Kind.FLAGS), m, flags, false);
      }
      out.write(")\r\n".getBytes(StandardCharsets.US_ASCII));
      s.write(out.toByteArray());
    }
    return ImapResult.ok(r.fullName() + " completed");
  }

  /** A FETCH command parsed: the messages and the items, sections included, before any message is read. */
  record Fetch(SequenceSet set, List<Item> items) {}

  /** Parses the arguments; BAD for any item or section that cannot be fetched from any message. */
  static Fetch parse(ImapRequest r) throws ImapException {
    ImapArgs a = r.args();
    SequenceSet set = SequenceSet.parse(a.word());
    a.sp();
    List<Item> items = parseItems(a);
    a.end();
    if (r.uid() && items.stream().noneMatch(i -> i.kind() == Kind.UID)) {
      items.add(0, Item.of(Kind.UID));
    }
    return new Fetch(set, List.copyOf(items));
  }

  private static void write(ByteArrayOutputStream out, Item item, FolderMessage m, List<String> flags, boolean utf8)
      throws ImapException {
    MailContent c = m.content();
    switch (item.kind()) {
      case FLAGS -> text(out, "FLAGS " + ImapWire.list(flags));
      case UID -> text(out, "UID " + m.uid());
      case INTERNALDATE -> text(out, "INTERNALDATE " + ImapWire.date(c.internalDate()));
      case SIZE -> text(out, "RFC822.SIZE " + c.size());
      case ENVELOPE -> text(out, "ENVELOPE " + MessageParts.envelope(c.bytes(0, c.headerLength()), utf8));
      case BODYSTRUCTURE -> text(out, "BODYSTRUCTURE " + MessageParts.structure(c.mime(), true, utf8));
      case BODY -> text(out, "BODY " + MessageParts.structure(c.mime(), false, utf8));
      case RFC822 -> literal(out, "RFC822", c.bytes());
      case RFC822_HEADER -> literal(out, "RFC822.HEADER", c.bytes(0, c.headerLength()));
      case RFC822_TEXT -> literal(out, "RFC822.TEXT", c.bytes(c.headerLength(), c.size()));
      case SECTION -> {
        byte[] data = MessageParts.section(c, item.fetchSection());
        String label = "BODY[" + item.section() + "]";
        if (item.start() >= 0) {
          int from = (int) Math.min(item.start(), data.length);
          int to = (int) Math.min((long) data.length, from + item.length());
          data = java.util.Arrays.copyOfRange(data, from, to);
          label += "<" + item.start() + ">";
        }
        literal(out, label, data);
      }
      case BINARY -> { // RFC 3516: decoded, and as a literal8 when it holds a NUL
        byte[] data = BinaryParts.decoded(c, item.fetchSection());
        String label = "BINARY[" + item.section() + "]";
        if (item.start() >= 0) {
          int from = (int) Math.min(item.start(), data.length);
          int to = (int) Math.min((long) data.length, from + item.length());
          data = java.util.Arrays.copyOfRange(data, from, to);
          label += "<" + item.start() + ">";
        }
        text(out, label + (BinaryParts.needsLiteral8(data) ? " ~{" : " {") + data.length + "}\r\n");
        out.write(data, 0, data.length);
      }
      case BINARY_SIZE -> text(out, "BINARY.SIZE[" + item.section() + "] " + BinaryParts.decoded(c, item.fetchSection()).length);
    }
  }

  private static void text(ByteArrayOutputStream out, String s) {
    byte[] b = ImapWire.octets(s); // UTF-8, with header octets that are not UTF-8 as they were stored
    out.write(b, 0, b.length);
  }

  private static void literal(ByteArrayOutputStream out, String label, byte[] data) {
    text(out, label + " {" + data.length + "}\r\n");
    out.write(data, 0, data.length);
  }

  static List<Item> parseItems(ImapArgs a) throws ImapException {
    List<Item> items = new ArrayList<>();
    if (a.tryChar('(')) {
      while (!a.tryChar(')')) {
        if (a.atEnd()) {
          throw ImapException.bad("Unterminated fetch list");
        }
        items.add(parseItem(a, false));
        a.tryChar(' ');
      }
      if (items.isEmpty()) {
        throw ImapException.bad("Empty fetch list");
      }
      return items;
    }
    String macro = a.peek() >= 'A' ? peekWord(a) : "";
    switch (macro) {
      case "ALL", "FAST", "FULL" -> {
        a.word();
        items.add(Item.of(Kind.FLAGS));
        items.add(Item.of(Kind.INTERNALDATE));
        items.add(Item.of(Kind.SIZE));
        if (!macro.equals("FAST")) {
          items.add(Item.of(Kind.ENVELOPE));
        }
        if (macro.equals("FULL")) {
          items.add(Item.of(Kind.BODY));
        }
      }
      default -> items.add(parseItem(a, true));
    }
    return items;
  }

  private static Item parseItem(ImapArgs a, boolean single) throws ImapException {
    StringBuilder name = new StringBuilder();
    for (int c = a.peek(); c > ' ' && c != '[' && c != '(' && c != ')' && c != '<'; c = a.peek()) {
      name.append((char) c);
      a.tryChar((char) c);
    }
    String n = name.toString().toUpperCase(Locale.ROOT);
    if (a.peek() == '[') {
      boolean binary = n.equals("BINARY") || n.equals("BINARY.PEEK") || n.equals("BINARY.SIZE");
      if (!binary && !n.equals("BODY") && !n.equals("BODY.PEEK")) {
        throw ImapException.bad("Unknown fetch item " + n + "[");
      }
      a.expect('[');
      String section = a.readUntil(']');
      a.expect(']');
      long start = -1;
      long length = -1;
      if (a.tryChar('<')) {
        String p = a.readUntil('>');
        a.expect('>');
        String[] f = p.split("\\.");
        try {
          start = Long.parseLong(f[0]);
          length = f.length > 1 ? Long.parseLong(f[1]) : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
          throw ImapException.bad("Bad partial <" + p + ">");
        }
        if (f.length != 2 || start < 0 || length <= 0) {
          throw ImapException.bad("Bad partial <" + p + ">: expected <start.length>");
        }
      }
      if (binary && !section.trim().matches("([1-9][0-9]*(\\.[1-9][0-9]*)*)?")) {
        throw ImapException.bad(n + " takes a part number, not [" + section + "]");
      }
      FetchSection parsed = FetchSection.parse(section);
      if (n.equals("BINARY.SIZE")) {
        if (start >= 0) {
          throw ImapException.bad("BINARY.SIZE takes no partial range");
        }
        return new Item(Kind.BINARY_SIZE, parsed, true, -1, -1);
      }
      return new Item(binary ? Kind.BINARY : Kind.SECTION, parsed, n.endsWith(".PEEK"), start, length);
    }
    return switch (n) {
      case "FLAGS" -> Item.of(Kind.FLAGS);
      case "UID" -> Item.of(Kind.UID);
      case "INTERNALDATE" -> Item.of(Kind.INTERNALDATE);
      case "RFC822.SIZE" -> Item.of(Kind.SIZE);
      case "ENVELOPE" -> Item.of(Kind.ENVELOPE);
      case "BODYSTRUCTURE" -> Item.of(Kind.BODYSTRUCTURE);
      case "BODY" -> Item.of(Kind.BODY);
      case "RFC822" -> new Item(Kind.RFC822, null, false, -1, -1);
      case "RFC822.HEADER" -> Item.of(Kind.RFC822_HEADER);
      case "RFC822.TEXT" -> new Item(Kind.RFC822_TEXT, null, false, -1, -1);
      default -> throw ImapException.bad("Unknown fetch item " + (n.isEmpty() ? "(none)" : n));
    };
  }

  /** The macro name if the single item is ALL, FAST or FULL (any case), else empty; reads nothing. */
  private static String peekWord(ImapArgs a) {
    return a.peekAtom().toUpperCase(Locale.ROOT);
  }
}
