package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** COPY, MOVE and their UID forms through a fake exchange. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CopyMoveCommandTest {
  private final FakeImapSession imap = new FakeImapSession().deliver("one").deliver("two");

  private int size(String folder) {
    return imap.session.mailbox().folder(folder).orElseThrow().size();
  }

  @Test
  void copyAnswersWithCopyUid() {
    imap.select();
    long validity = imap.session.mailbox().folder("Trash").orElseThrow().uidValidity();
    assertThat(imap.complete("c COPY 1:2 Trash")).isEqualTo("c OK [COPYUID " + validity + " 1:2 1:2] COPY completed");
    assertThat(size("Trash")).isEqualTo(2);
    assertThat(size("INBOX")).isEqualTo(2);
  }

  @Test
  void moveTellsCopyUidUntaggedThenExpunges() {
    imap.select();
    FakeImapSession.Response r = imap.run("m UID MOVE 2 Trash");
    assertThat(r.completion()).isEqualTo("m OK MOVE completed");
    assertThat(r.untagged()).startsWith("* OK [COPYUID ").contains("* 2 EXPUNGE\r\n");
    assertThat(size("INBOX")).isEqualTo(1);
  }

  @Test
  void copyOfNothingSaysSo() {
    imap.select();
    assertThat(imap.complete("c UID COPY 99 Trash")).isEqualTo("c OK COPY completed, nothing copied");
  }

  @Test
  void copyMoveErrors() {
    imap.select();
    assertThat(imap.complete("a COPY 1 Nowhere")).isEqualTo("a NO [TRYCREATE] No such mailbox");
    assertThat(imap.complete("b COPY 1")).startsWith("b BAD");
    imap.run("e EXAMINE INBOX").ok();
    assertThat(imap.complete("c MOVE 1 Trash")).isEqualTo("c NO Mailbox is read-only");
  }
}
