package dev.fakemail.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.support.Conversation;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message received over SMTPUTF8 with raw UTF-8 headers (RFC 6532) reads back unmangled through
 * Angus Mail's IMAP store with {@code mail.mime.allowutf8}: the store enables UTF8=ACCEPT (RFC
 * 6855), and subject, addresses, headers, body and searches all come back as sent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AngusImapUtf8IT {
  private static final String BOB = "bob@example.test";
  private static final String SUBJECT = "Grüße aus Köln — 日本語";
  private static final String RAW = "From: Jörg Müller <jörg@bücher.test>\r\nTo: Zoë <" + BOB + ">\r\n"
      + "Subject: " + SUBJECT + "\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nSchöne Grüße\r\n";
  private FakeMailServer server;

  @BeforeEach
  void start() {
    server = FakeMailServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ReceivedMessage deliverWithSmtpUtf8() throws Exception {
    try (Conversation smtp = Conversation.open(server.host(), server.smtpPort())) {
      smtp.expect("220");
      smtp.send("EHLO client.test").until("250 ");
      smtp.send("MAIL FROM:<jörg@bücher.test> SMTPUTF8").expect("250");
      smtp.send("RCPT TO:<" + BOB + ">").expect("250");
      smtp.send("DATA").expect("354");
      smtp.sendRaw((RAW + ".\r\n").getBytes(StandardCharsets.UTF_8));
      smtp.expect("250");
      smtp.send("QUIT").expect("221");
    }
    return server.awaitMessage(MessageFilter.to(BOB));
  }

  private Store connect() throws Exception {
    Properties p = new Properties();
    p.put("mail.mime.allowutf8", "true");
    p.put("mail.debug", System.getProperty("angus.debug", "false"));
    Store store = Session.getInstance(p).getStore("imap");
    store.connect(server.host(), server.imapPort(), BOB, "any");
    return store;
  }

  @Test
  void utf8HeadersReadBackAsSentWithAllowUtf8() throws Exception {
    ReceivedMessage received = deliverWithSmtpUtf8();
    try (Store store = connect()) {
      assertThat(((IMAPStore) store).hasCapability("UTF8=ACCEPT")).isTrue();
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message m = inbox.getMessage(1);
      // from ENVELOPE
      assertThat(m.getSubject()).isEqualTo(SUBJECT);
      InternetAddress from = (InternetAddress) m.getFrom()[0];
      assertThat(from.getPersonal()).isEqualTo("Jörg Müller");
      assertThat(from.getAddress()).isEqualTo("jörg@bücher.test");
      assertThat(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getPersonal()).isEqualTo("Zoë");
      // the body (BODY[1], decoded by its charset)
      assertThat(((String) m.getContent()).trim()).isEqualTo("Schöne Grüße");
      // server-side searches of the UTF-8 headers. Once UTF8=ACCEPT is enabled, Angus Mail 2.0.4 sends search
      // text as Latin-1 octets (eclipse-ee4j/angus-mail#104): the server reads a line that is not UTF-8 as
      // Latin-1, so text in that range is found; CJK text cannot be (Angus drops its high octets).
      assertThat(inbox.search(new SubjectTerm("köln"))).hasSize(1);
      assertThat(inbox.search(new SubjectTerm("aus k"))).hasSize(1);
      assertThat(inbox.search(new FromStringTerm("jörg@bücher"))).hasSize(1);
      assertThat(inbox.search(new SubjectTerm("münchen"))).isEmpty();
      // and the octets are the ones received, after the trace headers
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      m.writeTo(out);
      assertThat(out.toString(StandardCharsets.UTF_8)).endsWith(RAW);
      // the header section parsed with allowutf8 (Angus's IMAPMessage.getHeader itself reads header octets as
      // Latin-1 whatever the session says; a copy is parsed by the session, as an application would)
      MimeMessage copy = new MimeMessage((MimeMessage) m);
      assertThat(copy.getHeader("Subject")).containsExactly(SUBJECT);
      assertThat(copy.getSubject()).isEqualTo(SUBJECT);
      inbox.close(false);
    }
    assertThat(received.subject()).isEqualTo(SUBJECT);
  }
}
