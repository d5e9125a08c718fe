package dev.fakemail.core.internal.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.Envelope;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.store.MessageStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MailboxesTest {
  private final MessageStore store = new MessageStore(100_000, Long.MAX_VALUE);
  private final Mailboxes mailboxes = new Mailboxes("mx.test");

  MailboxesTest() {
    store.addListener(mailboxes);
  }

  private ReceivedMessage send(String body, String... to) throws Exception {
    SessionInfo s = new SessionInfo("smtp-1", Listener.SMTP, "127.0.0.1", "client.test", "", "", "");
    ReceivedMessage m = dev.fakemail.core.internal.CoreAccess.get().message(store.nextId(), Instant.now(), Envelope.of("a@x.test", List.of(to)), s,
        ("Subject: t\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8), null);
    store.add(m);
    return m;
  }

  @Test
  void storedMessageGoesIntoTheInboxOfEachRecipient() throws Exception {
    send("hello", "bob@x.test", "Carol@X.test");
    assertThat(mailboxes.mailbox("bob@x.test").inbox().size()).isEqualTo(1);
    assertThat(mailboxes.mailbox("carol@x.test").inbox().size()).isEqualTo(1);
    assertThat(mailboxes.mailbox("dave@x.test").inbox().size()).isZero();
  }

  @Test
  void deliveryViewPrependsTraceHeadersToTheExactBytes() throws Exception {
    ReceivedMessage m = send("hello", "bob@x.test");
    MailContent c = mailboxes.mailbox("bob@x.test").inbox().messages().get(0).content();
    String s = new String(c.bytes(), StandardCharsets.UTF_8);
    assertThat(s).startsWith("Return-Path: <a@x.test>\r\nAuthentication-Results: mx.test;\r\n\tdkim=none;\r\n"
        + "\tspf=none (not judged);\r\n\tdmarc=none (not judged)\r\nReceived: from client.test");
    assertThat(s).contains("for <bob@x.test>;");
    assertThat(s).endsWith(m.rawString());
    assertThat(c.size()).isEqualTo(c.bytes().length);
    assertThat(new String(c.bytes(c.headerLength(), 100), StandardCharsets.UTF_8)).isEqualTo("hello\r\n");
  }

  @Test
  void changeListenerHearsEachMailboxChangeByAddressUntilClosed() throws Exception {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    AutoCloseable sub = mailboxes.onChange(heard::add);
    send("hello", "bob@x.test");
    assertThat(heard).containsExactly("bob@x.test");
    Folder inbox = mailboxes.mailbox("bob@x.test").inbox();
    inbox.store(inbox.messages().get(0), Flags.Mode.ADD, Set.of(Flags.SEEN), this);
    assertThat(inbox.unseen()).isZero();
    inbox.store(inbox.messages().get(0), Flags.Mode.ADD, Set.of(Flags.SEEN), this); // no change: not told
    mailboxes.mailbox("bob@x.test").create("Projects");
    mailboxes.mailbox("bob@x.test").unsubscribe("Projects");
    assertThat(heard).containsExactly("bob@x.test", "bob@x.test", "bob@x.test", "bob@x.test");
    sub.close();
    send("again", "bob@x.test");
    assertThat(heard).hasSize(4);
  }

  @Test
  void storeRemovalAndClearEmptyTheFolders() throws Exception {
    ReceivedMessage m = send("one", "bob@x.test");
    send("two", "bob@x.test");
    store.remove(m.id());
    assertThat(mailboxes.mailbox("bob@x.test").inbox().size()).isEqualTo(1);
    store.clear();
    assertThat(mailboxes.mailbox("bob@x.test").inbox().size()).isZero();
  }

  @Test
  void uidsGrowAndLookupByUidFindsTheMessage() throws Exception {
    for (int i = 0; i < 50; i++) {
      send("m" + i, "bob@x.test");
    }
    Folder inbox = mailboxes.mailbox("bob@x.test").inbox();
    assertThat(inbox.uidNext()).isEqualTo(51);
    assertThat(inbox.byUid(37).uid()).isEqualTo(37);
    assertThat(inbox.byUid(99)).isNull();
  }

  @Test
  void listenersHearAddsFlagChangesAndExpunges() throws Exception {
    Folder inbox = mailboxes.mailbox("bob@x.test").inbox();
    List<String> events = new ArrayList<>();
    inbox.select(new FolderListener() {
      @Override public void added(FolderMessage m, boolean recent) { events.add("add " + m.uid() + " " + recent); }
      @Override public void expunged(FolderMessage m) { events.add("expunge " + m.uid()); }
      @Override public void flagsChanged(FolderMessage m, Object origin) { events.add("flags " + m.uid()); }
      @Override public boolean takesRecent() { return true; }
    });
    send("x", "bob@x.test");
    FolderMessage fm = inbox.byUid(1);
    inbox.store(fm, Flags.Mode.ADD, Set.of(Flags.DELETED), this);
    inbox.expunge(null);
    assertThat(events).containsExactly("add 1 true", "flags 1", "expunge 1");
    assertThat(fm.expunged()).isTrue();
  }

  @Test
  void unseenIsCountedThroughAddsFlagChangesAndExpunges() throws Exception {
    send("a", "bob@x.test");
    send("b", "bob@x.test");
    Folder inbox = mailboxes.mailbox("bob@x.test").inbox();
    assertThat(inbox.unseen()).isEqualTo(2);
    inbox.store(inbox.byUid(1), Flags.Mode.ADD, Set.of(Flags.SEEN, Flags.DELETED), this);
    assertThat(inbox.unseen()).isEqualTo(1);
    inbox.store(inbox.byUid(2), Flags.Mode.REPLACE, Set.of(Flags.DELETED), this);
    assertThat(inbox.unseen()).isEqualTo(1);
    inbox.expunge(null);
    assertThat(inbox.unseen()).isZero();
    inbox.add(MailContent.appended("x".getBytes(StandardCharsets.US_ASCII), Instant.now()), Set.of(Flags.SEEN));
    assertThat(inbox.unseen()).isZero();
  }

  @Test
  void specialUseFoldersExistAndNamesStayInsideTheMailbox() throws Exception {
    Mailbox box = mailboxes.mailbox("bob@x.test");
    assertThat(box.folders()).extracting(Folder::name).contains("INBOX", "Sent", "Drafts", "Trash", "Junk");
    assertThat(box.require("inbox")).isSameAs(box.inbox());
    assertThatThrownBy(() -> box.create("../carol@x.test/INBOX")).isInstanceOf(MailboxException.class);
    assertThatThrownBy(() -> box.create("#other/carol")).isInstanceOf(MailboxException.class);
    box.create("a/b/c");
    assertThat(box.folder("a/b")).isPresent();
    box.rename("a", "z");
    assertThat(box.folder("z/b/c")).isPresent();
    assertThat(box.folder("a/b/c")).isEmpty();
  }
}
