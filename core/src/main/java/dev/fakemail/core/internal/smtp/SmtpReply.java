package dev.fakemail.core.internal.smtp;

import java.util.List;

/**
 * An SMTP reply: code, enhanced status code (RFC 3463, may be empty) and one or more lines of text.
 * The replies used in more than one place are named here.
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {
  public static final SmtpReply OK = of(250, "2.0.0", "Ok");
  public static final SmtpReply BAD_SEQUENCE = of(503, "5.5.1", "Bad sequence of commands");
  public static final SmtpReply HELO_FIRST = of(503, "5.5.1", "Send EHLO or HELO first");
  public static final SmtpReply UNRECOGNIZED = of(500, "5.5.1", "Command unrecognized");
  public static final SmtpReply LINE_TOO_LONG = of(500, "5.5.2", "Line too long");
  public static final SmtpReply NOT_IMPLEMENTED = of(502, "5.5.1", "Command not implemented");
  public static final SmtpReply TOO_MANY_ERRORS = of(421, "4.7.0", "Too many errors, closing connection");
  public static final SmtpReply TOO_MANY_RECIPIENTS = of(452, "4.5.3", "Too many recipients");
  public static final SmtpReply NO_VALID_RECIPIENTS = of(554, "5.5.1", "No valid recipients");
  public static final SmtpReply MESSAGE_TOO_BIG = of(552, "5.3.4", "Message size exceeds fixed maximum message size");
  public static final SmtpReply STORAGE_FULL = of(452, "4.3.1", "Insufficient system storage");
  public static final SmtpReply AUTH_REQUIRED = of(530, "5.7.0", "Authentication required");
  public static final SmtpReply AUTH_OK = of(235, "2.7.0", "Authentication successful");
  public static final SmtpReply AUTH_FAILED = of(535, "5.7.8", "Authentication credentials invalid");
  public static final SmtpReply AUTH_CANCELLED = of(501, "5.0.0", "Authentication cancelled");
  public static final SmtpReply AUTH_BAD_BASE64 = of(501, "5.5.2", "Cannot decode response");
  public static final SmtpReply AUTH_UNKNOWN_MECHANISM = of(504, "5.5.4", "Unrecognized authentication type");
  public static final SmtpReply ALREADY_AUTHENTICATED = of(503, "5.5.1", "Already authenticated");
  public static final SmtpReply UNKNOWN_PARAMETER = of(555, "5.5.4", "MAIL FROM/RCPT TO parameters not recognized or not implemented");
  public static final SmtpReply USER_UNKNOWN = of(550, "5.1.1", "User unknown");
  /** Strict mode, a non-local recipient, no AUTH and not in a relay network (Postfix's reject_unauth_destination). */
  public static final SmtpReply RELAY_DENIED = of(550, "5.7.1", "Relay access denied: authenticate first");
  public static final SmtpReply BYE = of(221, "2.0.0", "Bye");
  public static final SmtpReply INTERNAL_ERROR = of(421, "4.3.0", "Internal error, closing connection");
  public static final SmtpReply SHUTTING_DOWN = of(421, "4.3.2", "Server shutting down");
  public static final SmtpReply TOO_MANY_CONNECTIONS = of(421, "4.7.0", "Too many connections, try again later");
  public static final SmtpReply TLS_NOT_AVAILABLE = of(454, "4.7.0", "TLS not available");
  public static final SmtpReply TLS_ALREADY_ACTIVE = of(503, "5.5.1", "TLS already active");
  public static final SmtpReply NON_ASCII_ADDRESS = of(553, "5.6.7", "Non-ASCII address needs SMTPUTF8");

  public SmtpReply {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("reply code out of range: " + code);
    }
    enhanced = enhanced == null ? "" : enhanced;
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one line");
    }
  }

  public static SmtpReply of(int code, String enhanced, String text) {
    return new SmtpReply(code, enhanced, List.of(text));
  }

  /**
   * Parses a reply line as a fault rule gives it: {@code "451 4.7.1 try again later"} (the enhanced
   * code is optional).
   */
  public static SmtpReply parse(String line) {
    if (!line.matches("[2-5]\\d\\d( .*)?")) {
      throw new IllegalArgumentException("not a reply line: " + line);
    }
    int code = Integer.parseInt(line.substring(0, 3));
    String rest = line.length() > 4 ? line.substring(4) : "";
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})(?: (.*))?").matcher(rest);
    if (m.matches()) {
      return of(code, m.group(1), m.group(2) == null ? "" : m.group(2));
    }
    return of(code, "", rest);
  }

  /** A syntax error (501 5.5.4) with a hint of the right syntax. */
  public static SmtpReply syntax(String hint) {
    return of(501, "5.5.4", "Syntax: " + hint);
  }

  public boolean isError() {
    return code >= 400;
  }

  public boolean isPermanentError() {
    return code >= 500;
  }

  /** The reply as sent: {@code 250-first\r\n250 last\r\n}, the enhanced code on each line. */
  public String toWire() {
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < lines.size(); i++) {
      sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
      if (!enhanced.isEmpty()) {
        sb.append(enhanced).append(' ');
      }
      appendPrintable(sb, lines.get(i));
      sb.append("\r\n");
    }
    return sb.toString();
  }

  /**
   * Appends reply text with control characters (a bare CR or LF above all) replaced by {@code ?}:
   * text echoed from the client, such as the EHLO domain, never splits or forges a reply line.
   */
  private static void appendPrintable(StringBuilder sb, String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      sb.append(ch < ' ' && ch != '\t' || ch == 0x7f ? '?' : ch);
    }
  }

  /** The last line without the line end, for transcripts. */
  @Override
  public String toString() {
    String w = toWire();
    return w.substring(0, w.length() - 2).replace("\r\n", " | ");
  }
}
