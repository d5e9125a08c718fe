package dev.fakemail.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Strict mode on submission: an authenticated user sends only as itself or an alias, unless switched off. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SenderCheckIT {

  /** AUTH PLAIN as alice on submission, then MAIL FROM the given sender; returns the MAIL reply. */
  static String mailFromAfterAuth(FakeMailServer server, Listener listener, String sender) throws IOException {
    try (Socket s = new Socket(server.host(), server.port(listener))) {
      s.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      in.readLine();
      String auth = Base64.getEncoder().encodeToString("\0alice@corp.test\0secret".getBytes(StandardCharsets.UTF_8));
      out.write(("HELO client.test\r\nAUTH PLAIN " + auth + "\r\nMAIL FROM:<" + sender + ">\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(in.readLine()).startsWith("250");
      assertThat(in.readLine()).startsWith("235");
      return in.readLine();
    }
  }

  @Test
  void aUserSendsAsItselfOrAnAliasButNotAsAnotherAddress() throws Exception {
    try (FakeMailServer server = FakeMailServer.builder().user("alice@corp.test", "secret")
        .alias("alice@corp.test", "sales@corp.test").start()) {
      assertThat(mailFromAfterAuth(server, Listener.SUBMISSION, "alice@corp.test")).startsWith("250");
      assertThat(mailFromAfterAuth(server, Listener.SUBMISSION, "SALES@corp.test")).startsWith("250");
      assertThat(mailFromAfterAuth(server, Listener.SUBMISSION, "")).as("null sender").startsWith("250");
      assertThat(mailFromAfterAuth(server, Listener.SUBMISSION, "ceo@corp.test"))
          .isEqualTo("553 5.7.1 Sender address <ceo@corp.test> not owned by user alice@corp.test");
      assertThat(mailFromAfterAuth(server, Listener.SMTP, "ceo@corp.test"))
          .as("the MX-facing smtp listener does not check senders").startsWith("250");
    }
  }

  @Test
  void theCheckCanBeSwitchedOff() throws Exception {
    try (FakeMailServer server = FakeMailServer.builder().user("alice@corp.test", "secret").senderCheck(false).start()) {
      assertThat(mailFromAfterAuth(server, Listener.SUBMISSION, "ceo@corp.test")).startsWith("250");
    }
  }

  @Test
  void openModeChecksNothing() throws Exception {
    try (FakeMailServer server = FakeMailServer.start()) {
      assertThat(mailFromAfterAuth(server, Listener.SUBMISSION, "ceo@corp.test")).startsWith("250");
    }
  }
}
