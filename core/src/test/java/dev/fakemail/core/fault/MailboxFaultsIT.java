package dev.fakemail.core.fault;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Fault.Stage;
import dev.fakemail.core.Listener;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LOGIN, RETR and FETCH faults, seen through Angus Mail's POP3 and IMAP stores. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MailboxFaultsIT {
  FakeMailServer server;

  @BeforeEach
  void start() {
    server = FakeMailServer.builder().listeners(Listener.SMTP, Listener.POP3, Listener.IMAP).start();
    assertThat(AngusSender.send(AngusSender.props(server), "app@corp.test", "hello", "bob@x.test")).isNull();
    server.awaitMessage(to("bob@x.test"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Store store(String protocol) throws MessagingException {
    Properties p = new Properties();
    p.put("mail." + protocol + ".connectiontimeout", "5000");
    p.put("mail." + protocol + ".timeout", "5000");
    Store s = Session.getInstance(p).getStore(protocol);
    s.connect(server.host(), protocol.equals("imap") ? server.imapPort() : server.pop3Port(), "bob@x.test", "pw");
    return s;
  }

  String firstSubject(String protocol) throws MessagingException {
    try (Store s = store(protocol)) {
      Folder inbox = s.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return inbox.getMessage(1).getSubject();
      } finally {
        inbox.close(false);
      }
    }
  }

  @Test
  void pop3LoginFaultIsAnAuthenticationFailure() throws Exception {
    server.faults().add(Fault.at(Stage.LOGIN).user("bob@x.test").reply("454 4.7.0 Temporary authentication failure").times(1));
    assertThatThrownBy(() -> store("pop3")).isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("[SYS/TEMP] Temporary authentication failure");
    assertThat(firstSubject("pop3")).as("times(1): the next login works").isEqualTo("hello");
  }

  @Test
  void imapLoginFaultIsAnAuthenticationFailure() throws Exception {
    server.faults().add(Fault.at(Stage.LOGIN).reply("535 5.7.8 Go away").times(1));
    assertThatThrownBy(() -> store("imap")).isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("Go away");
    assertThat(firstSubject("imap")).isEqualTo("hello");
  }

  @Test
  void pop3RetrFaultFailsTheDownload() {
    server.faults().add(Fault.at(Stage.RETR).reply("451 4.3.0 Try later"));
    assertThatThrownBy(() -> firstSubject("pop3")).isInstanceOf(MessagingException.class);
    assertThat(server.messages()).hasSize(1);
  }

  @Test
  void imapFetchFaultFailsTheFetch() {
    server.faults().add(Fault.at(Stage.FETCH).reply("451 4.3.0 Try later"));
    assertThatThrownBy(() -> firstSubject("imap")).isInstanceOf(MessagingException.class);
  }

  @Test
  void loginDisconnectDropsTheConnection() {
    server.faults().add(Fault.at(Stage.LOGIN).listener(Listener.IMAP).disconnect());
    assertThatThrownBy(() -> store("imap")).isInstanceOf(MessagingException.class);
  }

  @Test
  void loginDelayHoldsThenLogsIn() throws Exception {
    server.faults().add(Fault.at(Stage.LOGIN).delay(Duration.ofMillis(200)));
    long t0 = System.nanoTime();
    assertThat(firstSubject("pop3")).isEqualTo("hello");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }
}
