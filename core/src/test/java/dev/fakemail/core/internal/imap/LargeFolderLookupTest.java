package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Envelope;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.mailbox.Folder;
import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.mailbox.Mailboxes;
import dev.fakemail.core.internal.store.MessageStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Finding and reading one message of 10,000: a UID set resolved against a session's view, the
 * BODY[] octets and the POP3 lookup by number each land on the right message. How long it takes is
 * measured by {@code MailboxReadBenchmark} (benchmarks module), not asserted here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LargeFolderLookupTest {
  private static final int MESSAGES = 10_000;

  @Test
  void anyMessageOfTenThousandIsFoundByUidAndByNumber() throws Exception {
    MessageStore store = new MessageStore(100_000, Long.MAX_VALUE);
    Mailboxes mailboxes = new Mailboxes("mx.test");
    store.addListener(mailboxes);
    SessionInfo s = new SessionInfo("smtp-0", Listener.SMTP, "127.0.0.1", "client.test", "", "", "");
    for (int i = 0; i < MESSAGES; i++) {
      byte[] raw = ("Subject: m" + i + "\r\n\r\n" + "x".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      store.add(dev.fakemail.core.internal.CoreAccess.get().message(store.nextId(), Instant.now(), Envelope.of("a@x.test", List.of("bob@x.test")), s, raw, null));
    }
    Folder inbox = mailboxes.mailbox("bob@x.test").inbox();
    SelectedFolder view = new SelectedFolder(inbox, true, null);
    List<FolderMessage> pop3View = inbox.messages();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2_000; i++) {
      int uid = random.nextInt(1, MESSAGES + 1);
      String subject = "Subject: m" + (uid - 1) + "\r\n";
      List<FolderMessage> found = SequenceSet.parse(Integer.toString(uid)).resolve(view, true);
      assertThat(found).hasSize(1);
      String body = new String(MessageParts.section(found.get(0).content(), FetchSection.WHOLE), StandardCharsets.US_ASCII);
      assertThat(body).as("BODY[] of UID %d", uid).contains("\r\n" + subject);
      String pop3 = new String(pop3View.get(uid - 1).content().bytes(), StandardCharsets.US_ASCII);
      assertThat(pop3).as("POP3 message %d", uid).contains("\r\n" + subject);
    }
  }
}
