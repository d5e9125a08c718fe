package dev.fakemail.core.interop;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.support.Mailer;
import java.io.BufferedReader;
import java.io.Reader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** commons-net's IMAPClient and POP3Client (and their TLS variants) against the server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommonsNetIT {
  private static final String BOB = "bob@example.test";
  private FakeMailServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeMailServer.start();
    Mailer.send(server, BOB, "Hello", "body text");
    server.awaitMessage(MessageFilter.to(BOB));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void pop3ClientListsRetrievesAndDeletes() throws Exception {
    POP3Client c = new POP3Client();
    c.connect(server.host(), server.pop3Port());
    try {
      assertThat(c.capa()).isTrue();
      assertThat(c.login(BOB, "x")).isTrue();
      POP3MessageInfo status = c.status();
      assertThat(status.number).isEqualTo(1);
      POP3MessageInfo[] list = c.listMessages();
      assertThat(list[0].size).isEqualTo(status.size);
      assertThat(c.listUniqueIdentifiers()[0].identifier).isNotBlank();
      String text;
      try (Reader r = c.retrieveMessage(1)) {
        text = new BufferedReader(r).lines().collect(Collectors.joining("\n"));
      }
      assertThat(text).contains("Subject: Hello", "body text");
      try (Reader r = c.retrieveMessageTop(1, 0)) {
        assertThat(new BufferedReader(r).lines().collect(Collectors.joining("\n"))).contains("Subject: Hello")
            .doesNotContain("body text");
      }
      assertThat(c.deleteMessage(1)).isTrue();
      assertThat(c.logout()).isTrue();
    } finally {
      c.disconnect();
    }
    assertThat(ServerInternals.of(server).mailboxes().mailbox(BOB).inbox().size()).isZero();
  }

  @Test
  void pop3sClientConnectsWithImplicitTls() throws Exception {
    POP3SClient c = new POP3SClient(true, server.tls().clientSslContext());
    c.connect(server.host(), server.pop3sPort());
    try {
      assertThat(c.login(BOB, "x")).isTrue();
      assertThat(c.status().number).isEqualTo(1);
      c.logout();
    } finally {
      c.disconnect();
    }
  }

  @Test
  void pop3sClientUpgradesWithStls() throws Exception {
    POP3SClient c = new POP3SClient(false, server.tls().clientSslContext());
    c.connect(server.host(), server.pop3Port());
    try {
      assertThat(c.execTLS()).isTrue();
      assertThat(c.login(BOB, "x")).isTrue();
      assertThat(c.status().number).isEqualTo(1);
      c.logout();
    } finally {
      c.disconnect();
    }
  }

  @Test
  void imapClientSelectsSearchesFetchesAndStores() throws Exception {
    IMAPClient c = new IMAPClient();
    c.connect(server.host(), server.imapPort());
    try {
      assertThat(c.capability()).isTrue();
      assertThat(c.getReplyString()).contains("IDLE");
      assertThat(c.login(BOB, "x")).isTrue();
      assertThat(c.list("", "*")).isTrue();
      assertThat(c.getReplyString()).contains("\\Sent");
      assertThat(c.select("INBOX")).isTrue();
      assertThat(c.getReplyString()).contains("* 1 EXISTS");
      assertThat(c.search("SUBJECT Hello")).isTrue();
      assertThat(c.getReplyString()).contains("* SEARCH 1");
      assertThat(c.fetch("1", "(RFC822.SIZE BODY[])")).isTrue();
      String reply = c.getReplyString();
      int size = Integer.parseInt(reply.replaceAll("(?s).*RFC822.SIZE (\\d+).*", "$1"));
      assertThat(reply).contains("BODY[] {" + size + "}", "body text");
      assertThat(c.store("1", "+FLAGS", "(\\Flagged)")).isTrue();
      assertThat(c.uid("FETCH", "1 (FLAGS)")).isTrue();
      assertThat(c.getReplyString()).contains("\\Flagged", "\\Seen", "UID 1");
      assertThat(c.status("INBOX", new String[] {"MESSAGES", "UNSEEN"})).isTrue();
      assertThat(c.getReplyString()).contains("MESSAGES 1 UNSEEN 0");
      assertThat(c.create("Archive")).isTrue();
      assertThat(c.copy("1", "Archive")).isTrue();
      assertThat(c.getReplyString()).contains("COPYUID");
      assertThat(c.logout()).isTrue();
    } finally {
      c.disconnect();
    }
  }

  @Test
  void imapsClientConnectsWithImplicitTlsAndStartTls() throws Exception {
    IMAPSClient implicit = new IMAPSClient(true, server.tls().clientSslContext());
    implicit.connect(server.host(), server.imapsPort());
    try {
      assertThat(implicit.login(BOB, "x")).isTrue();
      assertThat(implicit.examine("INBOX")).isTrue();
      assertThat(implicit.getReplyString()).contains("READ-ONLY");
    } finally {
      implicit.disconnect();
    }
    IMAPSClient explicit = new IMAPSClient(false, server.tls().clientSslContext());
    explicit.connect(server.host(), server.imapPort());
    try {
      assertThat(explicit.execTLS()).isTrue();
      assertThat(explicit.login(BOB, "x")).isTrue();
    } finally {
      explicit.disconnect();
    }
  }
}
