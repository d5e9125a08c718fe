package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.Folder;
import dev.fakemail.core.internal.mailbox.Mailbox;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * LIST and LSUB (RFC 3501 §6.3.8, §6.3.9) with SPECIAL-USE attributes (RFC 6154) and the
 * {@code (SPECIAL-USE)} selection option. Patterns match only names in the user's own mailbox.
 */
final class ListCommand implements ImapCommand {
  @Override public Set<String> names() { return Set.of("LIST", "LSUB"); }

  @Override public Set<ImapState> validIn() { return ImapCommand.AUTHENTICATED; }

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
    ImapArgs a = r.args();
    boolean specialOnly = false;
    boolean subscribedOnly = r.name().equals("LSUB");
    if (r.name().equals("LIST") && a.tryChar('(')) {
      for (String opt : a.readUntil(')').trim().split(" +")) {
        switch (opt.toUpperCase(Locale.ROOT)) {
          case "SPECIAL-USE" -> specialOnly = true;
          case "SUBSCRIBED" -> subscribedOnly = true;
          case "", "REMOTE", "RECURSIVEMATCH" -> { }
          default -> throw ImapException.bad("Unknown LIST selection option " + opt);
        }
      }
      a.expect(')');
      a.sp();
    }
    String reference = a.mailbox();
    a.sp();
    String pattern = ImapArgs.decodeMailbox(a.peek() == '"' || a.peek() == ImapArgs.LITERAL ? a.astring() : a.word());
    if (a.tryChar(' ')) { // RETURN (...) options: the attributes asked for are always sent
      a.atom();
      a.sp();
      a.expect('(');
      a.readUntil(')');
      a.expect(')');
    }
    a.end();
    if (pattern.isEmpty()) {
      s.untagged(r.name() + " (\\Noselect) \"/\" \"\"");
      return ImapResult.ok(r.name() + " completed");
    }
    String full = Mailbox.normalize(reference.isEmpty() || pattern.startsWith("/") ? pattern
        : reference.endsWith("/") ? reference + pattern : reference + "/" + pattern);
    Pattern regex = toRegex(full);
    Mailbox box = s.mailbox();
    Set<String> subscribed = box.subscriptions();
    for (Folder f : box.folders()) {
      String name = f.name();
      if (!regex.matcher(name).matches() && !(name.equals("INBOX") && regex.matcher("inbox").matches())) {
        continue;
      }
      if (subscribedOnly && !subscribed.contains(name)) {
        continue;
      }
      if (specialOnly && f.specialUse() == null) {
        continue;
      }
      List<String> attrs = new ArrayList<>();
      if (f.noselect()) {
        attrs.add("\\Noselect");
      }
      attrs.add(box.hasChildren(name) ? "\\HasChildren" : "\\HasNoChildren");
      if (f.specialUse() != null) {
        attrs.add(f.specialUse());
      }
      if (r.name().equals("LIST") && subscribedOnly) {
        attrs.add("\\Subscribed");
      }
      s.untagged(r.name() + " " + ImapWire.list(attrs) + " \"/\" " + ImapWire.mailbox(name));
    }
    return ImapResult.ok(r.name() + " completed");
  }

  /** {@code *} matches anything, {@code %} anything but the delimiter. */
  static Pattern toRegex(String pattern) {
    StringBuilder sb = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> sb.append(".*");
        case '%' -> sb.append("[^/]*");
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(sb.toString(), Pattern.DOTALL);
  }
}
