package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CHECK, CLOSE, UNSELECT, EXPUNGE and UID EXPUNGE through a fake exchange. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SelectedCommandsTest {
  private final FakeImapSession imap = new FakeImapSession();

  private int inboxSize() {
    return imap.session.mailbox().inbox().size();
  }

  @Test
  void checkDoesNothingButNeedsASelectedFolder() {
    imap.login();
    assertThat(imap.complete("c CHECK")).isEqualTo("c BAD Command not valid in this state");
    imap.run("s SELECT INBOX").ok();
    assertThat(imap.complete("d CHECK")).isEqualTo("d OK CHECK completed");
  }

  @Test
  void expungeRemovesTheDeletedMessagesAndTellsTheirNumbers() {
    imap.deliver("one").deliver("two").deliver("three").select();
    imap.run("a STORE 1,3 +FLAGS.SILENT (\\Deleted)").ok();
    FakeImapSession.Response r = imap.run("e EXPUNGE");
    assertThat(r.completion()).isEqualTo("e OK EXPUNGE completed");
    assertThat(r.untagged()).isEqualTo("* 1 EXPUNGE\r\n* 2 EXPUNGE\r\n");
    assertThat(inboxSize()).isEqualTo(1);
  }

  @Test
  void uidExpungeRemovesOnlyTheGivenUids() {
    imap.deliver("one").deliver("two").select();
    imap.run("a STORE 1:2 +FLAGS.SILENT (\\Deleted)").ok();
    FakeImapSession.Response r = imap.run("e UID EXPUNGE 2").ok();
    assertThat(r.untagged()).isEqualTo("* 2 EXPUNGE\r\n");
    assertThat(inboxSize()).isEqualTo(1);
    assertThat(imap.complete("f UID EXPUNGE")).startsWith("f BAD");
  }

  @Test
  void expungeInAReadOnlyFolderIsNo() {
    imap.deliver("one").login();
    imap.run("e EXAMINE INBOX").ok();
    assertThat(imap.complete("x EXPUNGE")).isEqualTo("x NO Mailbox is read-only");
  }

  @Test
  void closeExpungesSilentlyAndUnselects() {
    imap.deliver("one").deliver("two").select();
    imap.run("a STORE 1 +FLAGS.SILENT (\\Deleted)").ok();
    FakeImapSession.Response r = imap.run("c CLOSE").ok();
    assertThat(r.untagged()).isEmpty();
    assertThat(imap.session.state()).isEqualTo(ImapState.AUTHENTICATED);
    assertThat(inboxSize()).isEqualTo(1);
  }

  @Test
  void unselectKeepsTheDeletedMessages() {
    imap.deliver("one").select();
    imap.run("a STORE 1 +FLAGS.SILENT (\\Deleted)").ok();
    assertThat(imap.complete("u UNSELECT")).isEqualTo("u OK UNSELECT completed");
    assertThat(imap.session.state()).isEqualTo(ImapState.AUTHENTICATED);
    assertThat(inboxSize()).isEqualTo(1);
    assertThat(imap.complete("v UNSELECT")).isEqualTo("v BAD Command not valid in this state");
  }
}
