package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SELECT and EXAMINE through a fake exchange. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SelectCommandTest {
  private final FakeImapSession imap = new FakeImapSession();

  @Test
  void selectTellsTheFolderAndOpensItReadWrite() {
    imap.deliver("one").deliver("two").login();
    FakeImapSession.Response r = imap.run("s SELECT INBOX");
    assertThat(r.completion()).isEqualTo("s OK [READ-WRITE] SELECT completed");
    assertThat(r.untagged()).contains("* FLAGS (", "* OK [PERMANENTFLAGS (", "* 2 EXISTS\r\n", "* 2 RECENT\r\n",
        "* OK [UNSEEN 1] First unseen\r\n", "* OK [UIDVALIDITY ", "* OK [UIDNEXT 3] Predicted next UID\r\n");
    assertThat(imap.session.state()).isEqualTo(ImapState.SELECTED);
    assertThat(imap.session.selected().readOnly()).isFalse();
  }

  @Test
  void examineOpensReadOnlyWithNoPermanentFlags() {
    imap.login();
    FakeImapSession.Response r = imap.run("e EXAMINE INBOX");
    assertThat(r.completion()).isEqualTo("e OK [READ-ONLY] EXAMINE completed");
    assertThat(r.untagged()).contains("* OK [PERMANENTFLAGS ()] Flags permitted\r\n", "* 0 EXISTS\r\n")
        .doesNotContain("UNSEEN");
    assertThat(imap.session.selected().readOnly()).isTrue();
  }

  @Test
  void aFailedSelectLeavesNoFolderSelected() {
    imap.select();
    assertThat(imap.complete("s SELECT Nowhere")).isEqualTo("s NO [NONEXISTENT] No such mailbox");
    assertThat(imap.session.state()).isEqualTo(ImapState.AUTHENTICATED);
    assertThat(imap.session.selected()).isNull();
  }

  @Test
  void aNoselectFolderCannotBeSelected() {
    imap.login();
    imap.run("c CREATE a/b").ok();
    imap.run("d DELETE a").ok(); // a has children: it stays, \Noselect
    assertThat(imap.complete("s SELECT a")).startsWith("s NO Mailbox is \\Noselect");
  }

  @Test
  void selectParametersAreReadAndSyntaxErrorsAreBad() {
    imap.login();
    imap.run("s SELECT INBOX (CONDSTORE)").ok();
    assertThat(imap.complete("t SELECT")).startsWith("t BAD");
    assertThat(imap.complete("u SELECT INBOX extra")).startsWith("u BAD");
  }
}
