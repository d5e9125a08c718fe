package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Passwords given over SMTP AUTH, POP3 USER/PASS and AUTH, and IMAP LOGIN and AUTHENTICATE never
 * come back out of any API answer: not in sessions (which record the POP3 and IMAP conversations
 * too), messages, mailboxes or users, nor base64-encoded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CredentialsNeverReturnedIT {
  private static final String SECRET = "Corr3ct-Horse-Battery";

  @Test
  void passwordsFromEveryProtocolAreAbsentFromEveryApiAnswer() throws Exception {
    try (FakeMailServer mail = FakeMailServer.builder().listeners(Listener.SMTP, Listener.POP3, Listener.IMAP).start();
         FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      Api api = new Api(http.baseUri());
      new TestMail(mail.host(), mail.smtpPort()).authenticated("bob@example.test", SECRET, "carol@example.test", "authed");
      mail.awaitMessage(MessageFilter.to("carol@example.test"));
      String plain = Base64.getEncoder().encodeToString(("\0carol@example.test\0" + SECRET).getBytes(StandardCharsets.UTF_8));
      dialog(mail.host(), mail.pop3Port(), "USER carol@example.test", "PASS " + SECRET, "QUIT");
      dialog(mail.host(), mail.pop3Port(), "AUTH PLAIN " + plain, "QUIT");
      dialog(mail.host(), mail.pop3Port(), "AUTH PLAIN", plain, "QUIT");
      dialog(mail.host(), mail.imapPort(), "a LOGIN carol@example.test " + SECRET, "b LOGOUT");
      dialog(mail.host(), mail.imapPort(), "a LOGIN \"carol@example.test\" \"" + SECRET + "\"", "b LOGOUT");
      dialog(mail.host(), mail.imapPort(), "a LOGIN carol@example.test {" + SECRET.length() + "}", SECRET, "b LOGOUT");
      dialog(mail.host(), mail.imapPort(), "a AUTHENTICATE PLAIN " + plain, "b LOGOUT");
      dialog(mail.host(), mail.imapPort(), "a AUTHENTICATE PLAIN", plain, "b LOGOUT");

      String id = mail.messages(MessageFilter.any()).get(0).id();
      StringBuilder all = new StringBuilder();
      for (String path : List.of("api/v1/sessions", "api/v1/messages", "api/v1/messages/" + id, "api/v1/mailboxes",
          "api/v1/users")) {
        all.append(Api.text(api.get(path))).append('\n');
      }
      String sessions = Api.text(api.get("api/v1/sessions"));
      assertThat(sessions).as("the POP3 and IMAP sessions are there to be checked")
          .contains("\"listener\":\"pop3\"", "\"listener\":\"imap\"", "PASS ****", "AUTH PLAIN ****",
              "a LOGIN carol@example.test ****", "a AUTHENTICATE PLAIN ****");
      assertThat(all.toString()).contains("carol@example.test")
          .doesNotContain(SECRET)
          .doesNotContain(plain)
          .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Sends each line after reading one reply line (the greeting, then each answer). */
  private static void dialog(String host, int port, String... lines) throws IOException {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      in.readLine();
      for (String l : lines) {
        out.write((l + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String reply;
        do {
          reply = in.readLine();
        } while (reply != null && reply.startsWith("* "));
      }
    }
  }
}
