package dev.fakemail.core.interop;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.support.Mailer;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Angus Mail's POP3 store against the server: messages, UIDs, deletion at close, POP3S and STLS. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AngusPop3IT {
  private static final String BOB = "bob@example.test";
  private FakeMailServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeMailServer.start();
    Mailer.send(server, BOB, "One", "first body");
    Mailer.send(server, BOB, "Two", "second body");
    server.awaitMessages(MessageFilter.to(BOB), 2);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Store connect(String protocol, int port) throws Exception {
    Properties p = new Properties();
    p.put("mail." + protocol + ".ssl.socketFactory", server.tls().clientSocketFactory());
    p.put("mail.pop3.starttls.enable", "true");
    p.put("mail.pop3.starttls.required", "true");
    p.put("mail.debug", System.getProperty("angus.debug", "false"));
    Store store = Session.getInstance(p).getStore(protocol);
    store.connect(server.host(), port, BOB, "any");
    return store;
  }

  @Test
  void readsMessagesAndStableUids() throws Exception {
    String uid;
    try (Store store = connect("pop3", server.pop3Port())) {
      POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessageCount()).isEqualTo(2);
      Message m = inbox.getMessage(2);
      assertThat(m.getSubject()).isEqualTo("Two");
      assertThat(((String) m.getContent()).trim()).isEqualTo("second body");
      assertThat(inbox.getSizes()[1]).as("LIST size").isEqualTo(ServerInternals.of(server).mailboxes().mailbox(BOB).inbox().messages().get(1)
          .content().size());
      uid = inbox.getUID(m);
      inbox.close(false);
    }
    try (Store store = connect("pop3s", server.pop3sPort())) {
      POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getUID(inbox.getMessage(2))).isEqualTo(uid);
      inbox.close(false);
    }
  }

  @Test
  void deletedMessagesGoAwayWhenTheFolderIsClosedWithExpunge() throws Exception {
    try (Store store = connect("pop3", server.pop3Port())) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
      inbox.close(true);
    }
    try (Store store = connect("pop3", server.pop3Port())) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessageCount()).isEqualTo(1);
      assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Two");
    }
  }
}
