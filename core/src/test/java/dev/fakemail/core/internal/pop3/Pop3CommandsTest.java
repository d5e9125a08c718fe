package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.User;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Envelope;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.auth.Accounts;
import dev.fakemail.core.internal.mailbox.Mailboxes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** POP3 commands against a fake exchange, without sockets. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class Pop3CommandsTest {
  private final Mailboxes mailboxes = new Mailboxes("mx.test");
  private final FakeExchange exchange = new FakeExchange();

  private Pop3Session session(Accounts accounts) {
    return new Pop3Session(exchange, new Pop3Config("mx.test", accounts, mailboxes, 10));
  }

  private void deliver(String subject) {
    SessionInfo s = new SessionInfo("smtp-1", Listener.SMTP, "127.0.0.1", "client.test", "", "", "");
    mailboxes.added(dev.fakemail.core.internal.CoreAccess.get().message(subject, Instant.now(), Envelope.of("a@x.test", List.of("bob@x.test")), s,
        ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII), null));
  }

  private static String body(Pop3Reply r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.body().writeTo(out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void userThenPassOpensTheMaildirAndTakesTheLock() throws Exception {
    deliver("one");
    Pop3Session s = session(new Accounts(List.of()));
    assertThat(new PassCommand().execute(s, "x").ok()).isFalse();
    assertThat(new UserCommand().execute(s, "bob@x.test").ok()).isTrue();
    Pop3Reply r = new PassCommand().execute(s, "anything");
    assertThat(r.ok()).isTrue();
    assertThat(s.state()).isEqualTo(Pop3State.TRANSACTION);
    Pop3Session other = session(new Accounts(List.of()));
    new UserCommand().execute(other, "bob@x.test");
    assertThat(new PassCommand().execute(other, "x").text()).startsWith("[IN-USE]");
    s.close();
    new UserCommand().execute(other, "bob@x.test");
    assertThat(new PassCommand().execute(other, "x").ok()).isTrue();
  }

  @Test
  void strictModeRefusesAWrongPasswordWithTheAuthCode() throws Exception {
    Pop3Session s = session(new Accounts(List.of(new User("bob@x.test", "pw", null))));
    new UserCommand().execute(s, "bob@x.test");
    assertThat(new PassCommand().execute(s, "nope")).isEqualTo(Pop3Reply.AUTH_FAILED);
    assertThat(s.state()).isEqualTo(Pop3State.AUTHORIZATION);
  }

  @Test
  void deleRsetAndQuitWorkOnTheSnapshot() throws Exception {
    deliver("one");
    deliver("two");
    Pop3Session s = session(new Accounts(List.of()));
    s.login("bob@x.test", "x");
    assertThat(new DeleCommand().execute(s, "1").ok()).isTrue();
    assertThat(new StatCommand().execute(s, "").text()).startsWith("1 ");
    assertThat(body(new ListCommand().execute(s, ""))).startsWith("2 ");
    assertThat(new RetrCommand().execute(s, "1")).isEqualTo(Pop3Reply.MESSAGE_DELETED);
    new RsetCommand().execute(s, "");
    assertThat(new StatCommand().execute(s, "").text()).startsWith("2 ");
    new DeleCommand().execute(s, "2");
    assertThat(new QuitCommand().execute(s, "").text()).contains("1 messages deleted");
    assertThat(mailboxes.mailbox("bob@x.test").inbox().messages()).hasSize(1);
    Pop3Session next = session(new Accounts(List.of()));
    next.login("bob@x.test", "x");
    assertThat(body(new TopCommand().execute(next, "1 0"))).endsWith("Subject: one\r\n\r\n");
  }

  @Test
  void stlsNeedsTlsConfiguredAndNotActive() throws Exception {
    Pop3Session s = session(new Accounts(List.of()));
    exchange.tlsAvailable = false;
    assertThat(new StlsCommand().execute(s, "").text()).isEqualTo("TLS not available");
    exchange.tlsAvailable = true;
    assertThat(new StlsCommand().execute(s, "")).isNull();
    assertThat(exchange.tls).isTrue();
    assertThat(new StlsCommand().execute(s, "").text()).isEqualTo("TLS already active");
  }

  @Test
  void authPlainReadsTheResponseFromAContinuation() throws Exception {
    Pop3Session s = session(new Accounts(List.of()));
    exchange.answers.add(java.util.Base64.getEncoder().encodeToString("\0bob@x.test\0pw".getBytes(StandardCharsets.UTF_8)));
    assertThat(new AuthCommand().execute(s, "PLAIN").ok()).isTrue();
    assertThat(s.user()).isEqualTo("bob@x.test");
  }

  @Test
  void theTableDeclaresEachCommandsStatesAndWhetherItBlocks() {
    var table = Pop3Server.commandTable();
    assertThat(table.get("RETR").validIn()).isSameAs(Pop3State.TRANSACTION_ONLY);
    assertThat(table.get("USER").validIn()).isSameAs(Pop3State.AUTHORIZATION_ONLY);
    assertThat(table.get("QUIT").validIn()).isSameAs(Pop3State.ANY);
    assertThat(table.get("AUTH").blocks()).isTrue(); // waits for the client's continuation
    assertThat(table.get("STLS").blocks()).isTrue(); // the handshake
    assertThat(table.get("RETR").blocks()).isFalse();
    assertThat(table.get("XTND")).isNull();
  }

  private static final class FakeExchange implements Pop3Exchange {
    final Deque<String> answers = new ArrayDeque<>();
    boolean tlsAvailable = true;
    boolean tls;

    @Override
    public String continuation(String text) {
      return answers.poll();
    }

    @Override
    public int startTls(Pop3Reply ready) {
      tls = true;
      return 0;
    }

    @Override
    public boolean tlsAvailable() {
      return tlsAvailable;
    }

    @Override
    public boolean isTls() {
      return tls;
    }
  }
}
