package dev.fakemail.core.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's POP3/IMAP example: declared users, mail sent over SMTP, read back over IMAP and POP3S. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MailboxExampleIT {

  @Test
  void aDeclaredUserReadsTheirMailOverImapAndPop3s() throws Exception {
    try (FakeMailServer mail = FakeMailServer.builder()
        .user("bob@example.test", "secret")          // strict mode: only declared users log in
        .start()) {
      FirstExampleTest.sendWelcome("bob@example.test", mail.host(), mail.smtpPort());
      mail.awaitMessage(MessageFilter.to("bob@example.test"));

      Properties props = new Properties();
      props.put("mail.pop3s.ssl.socketFactory", mail.tls().clientSocketFactory()); // trust fakemail's certificate
      Session session = Session.getInstance(props);

      try (Store imap = session.getStore("imap")) {
        imap.connect(mail.host(), mail.imapPort(), "bob@example.test", "secret");
        Folder inbox = imap.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        Message m = inbox.getMessage(1);
        assertThat(m.getSubject()).isEqualTo("Welcome");
        assertThat(m.getHeader("Return-Path")).containsExactly("<noreply@app.test>");
      }

      try (Store pop3 = session.getStore("pop3s")) {
        pop3.connect(mail.host(), mail.pop3sPort(), "bob@example.test", "secret");
        Folder inbox = pop3.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        inbox.close(false);
      }
    }
  }
}
