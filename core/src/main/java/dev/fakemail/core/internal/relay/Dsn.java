package dev.fakemail.core.internal.relay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * A delivery status notification (RFC 3464): {@code multipart/report; report-type=delivery-status}
 * with a human-readable part, the {@code message/delivery-status} part (one block per failed
 * recipient) and the original headers ({@code text/rfc822-headers}, RFC 6522) or, with
 * {@code RET=FULL}, the whole original message.
 */
final class Dsn {
  private Dsn() {}

  /** One recipient that failed, with the host that said so (empty when there was no route). */
  record Failure(String recipient, String originalRecipient, String host, RemoteReply reply) {}

  static byte[] build(String reportingHost, String queueId, String sender, Instant arrival, Instant now,
                      List<Failure> failures, byte[] original, boolean full) {
    String boundary = "fakemail-dsn-" + UUID.randomUUID();
    StringBuilder h = new StringBuilder(2048);
    h.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingHost).append(">\r\n");
    h.append("To: <").append(sender).append(">\r\n");
    h.append("Subject: Undelivered Mail Returned to Sender\r\n");
    h.append("Date: ").append(date(now)).append("\r\n");
    h.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(reportingHost).append(">\r\n");
    h.append("Auto-Submitted: auto-replied\r\n");
    h.append("MIME-Version: 1.0\r\n");
    h.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary).append("\"\r\n");
    h.append("\r\n");
    h.append("This is a MIME-encapsulated message.\r\n\r\n");
    h.append("--").append(boundary).append("\r\n");
    h.append("Content-Description: Notification\r\n");
    h.append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
    h.append("This is the mail system at host ").append(reportingHost).append(".\r\n\r\n");
    h.append("Your message could not be delivered to ").append(failures.size() == 1 ? "one recipient" : failures.size() + " recipients")
        .append(".\r\n\r\n");
    for (Failure f : failures) {
      h.append("<").append(f.recipient()).append(">: ")
          .append(f.host().isEmpty() ? "" : "host " + f.host() + " said: ").append(f.reply().text()).append("\r\n");
    }
    h.append("\r\n--").append(boundary).append("\r\n");
    h.append("Content-Description: Delivery report\r\n");
    h.append("Content-Type: message/delivery-status\r\n\r\n");
    h.append("Reporting-MTA: dns; ").append(reportingHost).append("\r\n");
    h.append("X-Fakemail-Queue-ID: ").append(queueId).append("\r\n");
    h.append("Arrival-Date: ").append(date(arrival)).append("\r\n");
    for (Failure f : failures) {
      h.append("\r\n");
      if (f.originalRecipient() != null && !f.originalRecipient().isEmpty()) {
        h.append("Original-Recipient: ").append(f.originalRecipient()).append("\r\n");
      }
      h.append("Final-Recipient: rfc822; ").append(f.recipient()).append("\r\n");
      h.append("Action: failed\r\n");
      h.append("Status: ").append(f.reply().status()).append("\r\n");
      if (!f.host().isEmpty()) {
        h.append("Remote-MTA: dns; ").append(f.host()).append("\r\n");
      }
      h.append("Diagnostic-Code: smtp; ").append(f.reply().text()).append("\r\n");
      h.append("Last-Attempt-Date: ").append(date(now)).append("\r\n");
    }
    h.append("\r\n--").append(boundary).append("\r\n");
    h.append("Content-Description: ").append(full ? "Undelivered Message" : "Undelivered Message Headers").append("\r\n");
    h.append("Content-Type: ").append(full ? "message/rfc822" : "text/rfc822-headers").append("\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(h.length() + original.length + 128);
    out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
    byte[] part = full ? original : headers(original);
    out.writeBytes(part);
    if (part.length > 0 && part[part.length - 1] != '\n') {
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** The header section of a message: everything up to (not including) the first empty line. */
  static byte[] headers(byte[] message) {
    for (int i = 0; i < message.length; i++) {
      if (message[i] == '\n') {
        int next = i + 1;
        if (next < message.length && message[next] == '\n') {
          return java.util.Arrays.copyOf(message, next);
        }
        if (next + 1 < message.length && message[next] == '\r' && message[next + 1] == '\n') {
          return java.util.Arrays.copyOf(message, next);
        }
      }
    }
    return message.clone();
  }

  static String date(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
  }
}
