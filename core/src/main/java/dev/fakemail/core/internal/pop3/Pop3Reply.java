package dev.fakemail.core.internal.pop3;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A POP3 reply: {@code +OK} or {@code -ERR}, a text (with a RESP-CODE, RFC 2449, when it has one) and,
 * for multi-line replies, a body that is byte-stuffed and ended with {@code .} by the server.
 */
record Pop3Reply(boolean ok, String text, Body body) {
  static final Pop3Reply UNKNOWN_COMMAND = err("Unknown command");
  static final Pop3Reply BAD_STATE = err("Command not valid in this state");
  static final Pop3Reply NO_SUCH_MESSAGE = err("No such message");
  static final Pop3Reply MESSAGE_DELETED = err("Message already deleted");
  static final Pop3Reply AUTH_FAILED = err("[AUTH] Authentication failed");
  static final Pop3Reply IN_USE = err("[IN-USE] Mailbox is locked by another POP3 session");
  static final Pop3Reply LINE_TOO_LONG = err("Line too long");
  static final Pop3Reply TOO_MANY_ERRORS = err("Too many errors, closing connection");
  static final Pop3Reply INTERNAL_ERROR = err("[SYS/TEMP] Internal error, closing connection");
  static final Pop3Reply SHUTTING_DOWN = err("[SYS/TEMP] Server shutting down");
  static final Pop3Reply BUSY = err("[SYS/TEMP] Too many connections, try again later");

  /** Writes the lines of a multi-line reply; the server does the byte-stuffing and the final dot. */
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  static Pop3Reply ok(String text) {
    return new Pop3Reply(true, text, null);
  }

  static Pop3Reply err(String text) {
    return new Pop3Reply(false, text, null);
  }

  /** A body of text lines (CAPA, LIST, UIDL), which the transcript shows; other bodies it gives by size. */
  record Lines(List<String> lines) implements Body {
    @Override
    public void writeTo(OutputStream out) throws IOException {
      for (String l : lines) {
        out.write((l + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  static Pop3Reply ok(String text, List<String> lines) {
    return new Pop3Reply(true, text, new Lines(lines));
  }

  static Pop3Reply syntax(String hint) {
    return err("Syntax: " + hint);
  }

  /** The status line as sent. */
  String statusLine() {
    return (ok ? "+OK" : "-ERR") + (text.isEmpty() ? "" : " " + text) + "\r\n";
  }

  @Override
  public String toString() {
    return (ok ? "+OK " : "-ERR ") + text + (body != null ? " [multi-line]" : "");
  }
}
