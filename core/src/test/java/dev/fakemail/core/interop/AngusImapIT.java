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
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Angus Mail's IMAP store against the server: folders, flags, search, APPEND, COPY, MOVE, IDLE. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AngusImapIT {
  private static final String BOB = "bob@example.test";
  private FakeMailServer server;

  @BeforeEach
  void start() {
    server = FakeMailServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Store connect(String protocol, int port) throws Exception {
    Properties p = new Properties();
    p.put("mail." + protocol + ".ssl.socketFactory", server.tls().clientSocketFactory());
    p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    p.put("mail.imap.starttls.enable", "true");
    p.put("mail.imap.starttls.required", "true");
    p.put("mail.debug", System.getProperty("angus.debug", "false"));
    Store store = Session.getInstance(p).getStore(protocol);
    store.connect(server.host(), port, BOB, "any");
    return store;
  }

  @Test
  void readsMessagesWithSizesThatMatchTheirBytes() throws Exception {
    Mailer.send(server, BOB, "First", "one");
    Mailer.send(server, BOB, "Second", "two");
    server.awaitMessages(MessageFilter.to(BOB), 2);
    try (Store store = connect("imap", server.imapPort())) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message[] messages = inbox.getMessages();
      assertThat(messages).extracting(Message::getSubject).containsExactly("First", "Second");
      assertThat(((String) messages[1].getContent()).trim()).isEqualTo("two");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      messages[0].writeTo(out);
      assertThat(messages[0].getSize()).isEqualTo(ServerInternals.of(server).mailboxes().mailbox(BOB).inbox().messages().get(0)
          .content().size());
      assertThat(((MimeMessage) messages[0]).getHeader("Return-Path")[0]).isEqualTo("<sender@app.test>");
      assertThat(((UIDFolder) inbox).getUID(messages[1])).isEqualTo(2);
      inbox.close(false);
    }
  }

  @Test
  void imapsAndStartTlsWork() throws Exception {
    try (Store store = connect("imaps", server.imapsPort())) {
      assertThat(store.getFolder("INBOX").exists()).isTrue();
    }
    try (Store store = connect("imap", server.imapPort())) {
      assertThat(store.getFolder("INBOX").exists()).isTrue();
    }
  }

  @Test
  void foldersCanBeListedCreatedRenamedAndDeleted() throws Exception {
    try (Store store = connect("imap", server.imapPort())) {
      assertThat(Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName))
          .contains("INBOX", "Sent", "Drafts", "Trash", "Junk");
      IMAPFolder sent = (IMAPFolder) store.getFolder("Sent");
      assertThat(sent.getAttributes()).contains("\\Sent");
      Folder work = store.getFolder("Work");
      assertThat(work.create(Folder.HOLDS_MESSAGES)).isTrue();
      Folder sub = store.getFolder("Work/Clients");
      assertThat(sub.create(Folder.HOLDS_MESSAGES)).isTrue();
      assertThat(Arrays.stream(work.list()).map(Folder::getFullName)).containsExactly("Work/Clients");
      assertThat(work.renameTo(store.getFolder("Jobs"))).isTrue();
      assertThat(store.getFolder("Jobs/Clients").exists()).isTrue();
      assertThat(store.getFolder("Jobs/Clients").delete(false)).isTrue();
      assertThat(store.getFolder("Jobs/Clients").exists()).isFalse();
    }
  }

  @Test
  void nonAsciiFolderNamesRoundTripAsUtf8AfterEnableAndAreStoredAsUnicode() throws Exception {
    try (Store store = connect("imap", server.imapPort())) {
      Folder drafts = store.getFolder("Entwürfe");
      assertThat(drafts.create(Folder.HOLDS_MESSAGES)).isTrue();
      Folder japanese = store.getFolder("日本語/子");
      assertThat(japanese.create(Folder.HOLDS_MESSAGES)).isTrue();
      assertThat(Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName))
          .contains("Entwürfe", "日本語", "日本語/子");
      assertThat(Arrays.stream(store.getFolder("日本語").list()).map(Folder::getFullName)).containsExactly("日本語/子");
      MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
      m.setFrom("alice@app.test");
      m.setSubject("Umlaut folder");
      m.setText("hi");
      drafts.appendMessages(new Message[] {m});
      drafts.open(Folder.READ_ONLY);
      assertThat(drafts.getMessages()).extracting(Message::getSubject).containsExactly("Umlaut folder");
      drafts.close(false);
      japanese.open(Folder.READ_WRITE);
      assertThat(japanese.getMessageCount()).isZero();
      japanese.close(false);
      assertThat(store.getFolder("Entwürfe").getMessageCount()).isEqualTo(1); // STATUS
    }
    assertThat(ServerInternals.of(server).mailboxes().mailbox(BOB).folders()).extracting(f -> f.name())
        .contains("Entwürfe", "日本語", "日本語/子");
  }

  @Test
  void flagsSearchCopyMoveAndExpunge() throws Exception {
    Mailer.send(server, BOB, "Invoice 1", "pay now");
    Mailer.send(server, BOB, "Newsletter", "read later");
    Mailer.send(server, BOB, "Invoice 2", "pay soon");
    server.awaitMessages(MessageFilter.to(BOB), 3);
    try (Store store = connect("imap", server.imapPort())) {
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      assertThat(inbox.search(new SubjectTerm("invoice"))).hasSize(2);
      assertThat(inbox.search(new BodyTerm("later"))).extracting(Message::getSubject).containsExactly("Newsletter");
      assertThat(inbox.search(new FromStringTerm("sender@app.test"))).hasSize(3);
      Message first = inbox.getMessage(1);
      first.setFlag(Flags.Flag.FLAGGED, true);
      first.setFlags(new Flags("$Important"), true);
      assertThat(inbox.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true))).containsExactly(first);
      assertThat(first.getFlags().contains("$Important")).isTrue();
      assertThat(inbox.search(new AndTerm(new SubjectTerm("Invoice"), new FlagTerm(new Flags(Flags.Flag.SEEN), false))))
          .hasSize(2);
      inbox.getMessage(2).getContent(); // sets \Seen
      assertThat(inbox.getMessage(2).isSet(Flags.Flag.SEEN)).isTrue();
      inbox.copyMessages(new Message[] {first}, store.getFolder("Trash"));
      Message moved = inbox.getMessage(2);
      inbox.moveMessages(new Message[] {moved}, store.getFolder("Junk"));
      assertThat(moved.isExpunged()).isTrue();
      assertThat(store.getFolder("INBOX").getMessageCount()).as("STATUS after MOVE").isEqualTo(2);
      inbox.getMessage(3).setFlag(Flags.Flag.DELETED, true);
      inbox.expunge();
      assertThat(store.getFolder("INBOX").getMessageCount()).as("STATUS after EXPUNGE").isEqualTo(1);
      Folder trash = store.getFolder("Trash");
      trash.open(Folder.READ_ONLY);
      assertThat(trash.getMessage(1).getSubject()).isEqualTo("Invoice 1");
      assertThat(trash.getMessage(1).isSet(Flags.Flag.FLAGGED)).isTrue();
      Folder junk = store.getFolder("Junk");
      assertThat(junk.getMessageCount()).isEqualTo(1);
    }
  }

  @Test
  void appendReturnsTheUidOfTheNewMessage() throws Exception {
    try (Store store = connect("imap", server.imapPort())) {
      IMAPFolder drafts = (IMAPFolder) store.getFolder("Drafts");
      MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
      m.setFrom(new InternetAddress(BOB));
      m.setSubject("Draft with attachment");
      MimeBodyPart text = new MimeBodyPart();
      text.setText("see attached");
      MimeBodyPart file = new MimeBodyPart();
      file.setContent("a,b\n1,2\n", "text/csv");
      file.setFileName("data.csv");
      m.setContent(new MimeMultipart(text, file));
      m.setFlag(Flags.Flag.DRAFT, true);
      AppendUID[] uids = drafts.appendUIDMessages(new Message[] {m});
      assertThat(uids[0].uid).isEqualTo(1);
      drafts.open(Folder.READ_ONLY);
      Message back = drafts.getMessage(1);
      assertThat(back.isSet(Flags.Flag.DRAFT)).isTrue();
      MimeMultipart mp = (MimeMultipart) back.getContent();
      assertThat(mp.getCount()).isEqualTo(2);
      assertThat(mp.getBodyPart(1).getFileName()).isEqualTo("data.csv");
      assertThat(((String) mp.getBodyPart(0).getContent()).trim()).isEqualTo("see attached");
    }
  }

  @Test
  void idleIsWokenByAnSmtpDelivery() throws Exception {
    try (Store store = connect("imap", server.imapPort())) {
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      CountDownLatch added = new CountDownLatch(1);
      inbox.addMessageCountListener(new MessageCountAdapter() {
        @Override
        public void messagesAdded(MessageCountEvent e) {
          added.countDown();
        }
      });
      ExecutorService idler = Executors.newSingleThreadExecutor();
      try {
        Future<?> idle = idler.submit(() -> {
          inbox.idle(true);
          return null;
        });
        Mailer.send(server, BOB, "While idling", "wake up");
        assertThat(added.await(10, TimeUnit.SECONDS)).as("IDLE reported the new message").isTrue();
        idle.get(10, TimeUnit.SECONDS);
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        assertThat(inbox.getMessage(1).getSubject()).isEqualTo("While idling");
      } finally {
        idler.shutdownNow();
      }
    }
  }

  @Test
  void structureOfAMultipartMessageIsReadPartByPart() throws Exception {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress("a@app.test"));
    m.setRecipients(Message.RecipientType.TO, BOB);
    m.setSubject("Parts");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("plain body", "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<p>html body</p>", "text/html; charset=UTF-8");
    MimeMultipart alt = new MimeMultipart("alternative", text, html);
    MimeBodyPart altPart = new MimeBodyPart();
    altPart.setContent(alt);
    MimeBodyPart file = new MimeBodyPart();
    file.setContent(new byte[] {1, 2, 3, 4}, "application/octet-stream");
    file.setFileName("bin.dat");
    m.setContent(new MimeMultipart(altPart, file));
    Properties p = new Properties();
    p.put("mail.smtp.host", server.host());
    p.put("mail.smtp.port", String.valueOf(server.smtpPort()));
    jakarta.mail.Transport.send(new MimeMessage(Session.getInstance(p), toStream(m)));
    server.awaitMessage(MessageFilter.to(BOB));
    try (Store store = connect("imap", server.imapPort())) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message back = inbox.getMessage(1);
      MimeMultipart mixed = (MimeMultipart) back.getContent();
      MimeMultipart inner = (MimeMultipart) mixed.getBodyPart(0).getContent();
      assertThat(((String) inner.getBodyPart(0).getContent())).isEqualTo("plain body");
      assertThat(((String) inner.getBodyPart(1).getContent())).isEqualTo("<p>html body</p>");
      assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("bin.dat");
      assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).containsExactly(1, 2, 3, 4);
      assertThat(List.of(back.getFrom())).extracting(Object::toString).containsExactly("a@app.test");
    }
  }

  private static java.io.InputStream toStream(MimeMessage m) throws Exception {
    m.saveChanges();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return new java.io.ByteArrayInputStream(out.toByteArray());
  }
}
