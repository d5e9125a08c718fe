package dev.fakemail.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.support.ExternalProgram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.net.smtp.SMTPClient;

/**
 * What the sender-authentication cross-checks share: their Python script (a test resource beside
 * them) run on a JSON list of cases against the server's simulated DNS, and a message sent to the
 * server over SMTP by commons-net.
 */
final class AuthCrossCheck {
  private AuthCrossCheck() {}

  /** Runs the resource {@code script} with {@code python} on {@code cases}; its output, after asserting it succeeded. */
  static String runScript(String python, String script, Path dir, FakeMailServer server, String cases) throws Exception {
    Path json = Files.writeString(dir.resolve("cases-" + System.nanoTime() + ".json"), cases);
    Path file = dir.resolve(script);
    if (!Files.exists(file)) {
      try (InputStream in = AuthCrossCheck.class.getResourceAsStream(script)) {
        Files.copy(in, file);
      }
    }
    ExternalProgram.Result res = ExternalProgram.run(List.of(python, file.toString(), String.valueOf(server.dnsPort()),
        json.toString()), dir, Map.of(), 90);
    assertThat(res.exitCode()).as(res.output()).isZero();
    return res.output();
  }

  /** Sends {@code raw} from {@code mailFrom} to bob@inbound.test, greeting with {@code helo}; asserts it was taken. */
  static void send(FakeMailServer server, String helo, String id, String mailFrom, String raw) throws IOException {
    SMTPClient client = new SMTPClient();
    client.connect(server.host(), server.smtpPort());
    try {
      client.login(helo);
      assertThat(client.sendSimpleMessage(mailFrom, "bob@inbound.test", raw)).as("%s: %s", id, client.getReplyString()).isTrue();
      client.logout();
    } finally {
      client.disconnect();
    }
  }
}
