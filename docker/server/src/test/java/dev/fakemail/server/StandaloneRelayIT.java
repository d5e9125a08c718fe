package dev.fakemail.server;

import static dev.fakemail.server.StandaloneServerIT.readUntilReady;
import static dev.fakemail.server.StandaloneServerIT.smtpConversation;
import static dev.fakemail.server.StandaloneServerIT.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One standalone program relaying to another through --local-domain, --dns-record and --relay-host. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StandaloneRelayIT {
  @Test
  void oneStandaloneServerRelaysToAnother() throws Exception {
    Process far = start("--smtp-port", "0", "--submission-port", "off", "--smtps-port", "off", "--hostname", "mx.far.test",
        "--user", "bob@far.test:pw");
    Process near = null;
    try {
      int farPort = readUntilReady(far).get("smtp");
      near = start("--smtp-port", "0", "--submission-port", "off", "--smtps-port", "off", "--hostname", "mx.corp.test",
          "--local-domain", "corp.test", "--dns-record", "far.test MX 10 mx.far.test", "--dns-port", "0",
          "--relay-host", "mx.far.test=127.0.0.1:" + farPort);
      Map<String, Integer> ports = readUntilReady(near);
      assertThat(ports).containsOnlyKeys("smtp", "dns");

      String t = smtpConversation(ports.get("smtp"), "EHLO it.test", "MAIL FROM:<alice@corp.test>",
          "RCPT TO:<bob@far.test>", "DATA", "Subject: across", "", "hello far", ".", "QUIT");
      assertThat(t).contains("250 2.0.0 Ok: queued as");

      // the delivery log line of the near server: "relay 1 to <bob@far.test> via mx.far.test: delivered (250 ...)"
      BufferedReader err = new BufferedReader(new InputStreamReader(near.getErrorStream(), StandardCharsets.UTF_8));
      String line;
      String found = null;
      while (found == null && (line = err.readLine()) != null) {
        if (line.contains("to <bob@far.test> via mx.far.test")) {
          found = line;
        }
      }
      assertThat(found).as("delivery log line on stderr").isNotNull().contains("delivered").contains("250");
    } finally {
      for (Process p : new Process[] {near, far}) {
        if (p != null) {
          p.destroy();
          p.waitFor(20, TimeUnit.SECONDS);
          p.destroyForcibly();
        }
      }
    }
  }
}
