package dev.fakemail.core.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DsnTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void headersEndAtTheFirstEmptyLine() {
    assertThat(Dsn.headers(bytes("Subject: a\r\nTo: b\r\n\r\nbody\r\n"))).isEqualTo(bytes("Subject: a\r\nTo: b\r\n"));
    assertThat(Dsn.headers(bytes("Subject: a\n\nbody"))).isEqualTo(bytes("Subject: a\n"));
    assertThat(Dsn.headers(bytes("Subject: no body"))).isEqualTo(bytes("Subject: no body"));
  }

  @Test
  void reportHasOneBlockPerRecipientWithStatusFromTheEnhancedCode() {
    String dsn = new String(Dsn.build("mx.corp.test", "7", "alice@corp.test", Instant.EPOCH, Instant.EPOCH,
        List.of(new Dsn.Failure("a@far.test", "rfc822;A@far.test", "mx.far.test", RemoteReply.of(550, "5.1.1", "User unknown")),
            new Dsn.Failure("b@far.test", "", "mx.far.test", new RemoteReply(554, "554 Transaction failed"))),
        bytes("Subject: hi\r\n\r\nsecret body\r\n"), false), StandardCharsets.UTF_8);
    assertThat(dsn).contains("Original-Recipient: rfc822;A@far.test", "Final-Recipient: rfc822; a@far.test",
        "Status: 5.1.1", "Final-Recipient: rfc822; b@far.test", "Status: 5.0.0", "Subject: hi", "text/rfc822-headers");
    assertThat(dsn).doesNotContain("secret body");
  }

  @Test
  void retFullReturnsTheWholeMessage() {
    String dsn = new String(Dsn.build("h", "1", "s@x.test", Instant.EPOCH, Instant.EPOCH,
        List.of(new Dsn.Failure("r@y.test", "", "", RemoteReply.of(550, "5.4.4", "No route"))),
        bytes("Subject: hi\r\n\r\nthe body\r\n"), true), StandardCharsets.UTF_8);
    assertThat(dsn).contains("Content-Type: message/rfc822", "the body").doesNotContain("Remote-MTA");
  }

  @Test
  void receivedFieldsAreCountedInTheHeaderSectionOnly() {
    assertThat(RelayQueue.receivedCount(bytes("Received: a\r\nreceived: b\r\n\tcont\r\nSubject: x\r\n\r\nReceived: body\r\n")))
        .isEqualTo(2);
  }
}
