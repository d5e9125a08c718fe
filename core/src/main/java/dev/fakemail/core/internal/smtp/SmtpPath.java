package dev.fakemail.core.internal.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the argument of MAIL FROM and RCPT TO (RFC 5321 §4.1.2): {@code FROM:<path> params}.
 * Lenient where clients commonly are (a space after the colon, a missing pair of angle brackets),
 * strict where it matters (address syntax, non-ASCII without SMTPUTF8).
 */
record SmtpPath(String address, Map<String, String> parameters) {

  static SmtpPath parse(String args, String keyword, boolean allowEmpty) throws SmtpException {
    String hint = keyword + ":<address> [parameters]";
    if (args.length() < keyword.length() + 1 || !args.regionMatches(true, 0, keyword + ":", 0, keyword.length() + 1)) {
      throw new SmtpException(SmtpReply.syntax(hint));
    }
    String rest = args.substring(keyword.length() + 1).stripLeading();
    String path;
    String params;
    if (rest.startsWith("<")) {
      int end = closingBracket(rest);
      if (end < 0) {
        throw new SmtpException(SmtpReply.syntax(hint));
      }
      path = rest.substring(1, end);
      params = rest.substring(end + 1);
      if (!params.isEmpty() && params.charAt(0) != ' ') {
        throw new SmtpException(SmtpReply.syntax(hint));
      }
    } else {
      int sp = rest.indexOf(' ');
      path = sp < 0 ? rest : rest.substring(0, sp);
      params = sp < 0 ? "" : rest.substring(sp);
      if (path.isEmpty()) {
        throw new SmtpException(SmtpReply.syntax(hint));
      }
    }
    // Source routes (@a,@b:user@domain) are obsolete: drop the route, keep the mailbox (RFC 5321 §C).
    if (path.startsWith("@")) {
      int colon = path.indexOf(':');
      if (colon < 0) {
        throw new SmtpException(SmtpReply.of(501, "5.1.3", "Bad address syntax"));
      }
      path = path.substring(colon + 1);
    }
    if (path.isEmpty() && !allowEmpty) {
      throw new SmtpException(SmtpReply.of(501, "5.1.3", "Bad address syntax"));
    }
    if (!path.isEmpty() && !(keyword.equals("TO") && path.equalsIgnoreCase("postmaster"))) {
      checkMailbox(path, keyword.equals("FROM") ? "5.1.7" : "5.1.3");
    }
    return new SmtpPath(path, parseParameters(params));
  }

  private static int closingBracket(String s) {
    boolean quoted = false;
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '>' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  /** local-part@domain with a dot-atom or quoted local part and a domain or address literal. */
  static void checkMailbox(String mailbox, String enhanced) throws SmtpException {
    SmtpException bad = new SmtpException(SmtpReply.of(501, enhanced, "Bad address syntax: <" + mailbox + ">"));
    int at = mailbox.lastIndexOf('@');
    if (at <= 0 || at == mailbox.length() - 1 || mailbox.length() > 512) {
      throw bad;
    }
    String local = mailbox.substring(0, at);
    String domain = mailbox.substring(at + 1);
    if (local.startsWith("\"")) {
      if (local.length() < 2 || !local.endsWith("\"")) {
        throw bad;
      }
    } else {
      if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
        throw bad;
      }
      for (int i = 0; i < local.length(); i++) {
        char c = local.charAt(i);
        if (c < 0x80 && !(Character.isLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0)) {
          throw bad;
        }
      }
    }
    if (domain.startsWith("[")) {
      if (!domain.endsWith("]")) {
        throw bad;
      }
      return;
    }
    for (String label : domain.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        throw bad;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (c < 0x80 && !(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
          throw bad;
        }
      }
    }
  }

  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> parseParameters(String params) throws SmtpException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : params.trim().split(" +")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
      String value = eq < 0 ? "" : p.substring(eq + 1);
      if (key.isEmpty() || !key.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-'))) {
        throw new SmtpException(SmtpReply.syntax("parameters are KEYWORD or KEYWORD=value"));
      }
      out.put(key, value);
    }
    return out;
  }
}
