package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LIST and LSUB through a fake exchange. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ListCommandTest {
  private final FakeImapSession imap = new FakeImapSession().login();

  @Test
  void listNamesTheFoldersWithTheirAttributes() {
    FakeImapSession.Response r = imap.run("l LIST \"\" *").ok();
    assertThat(r.untagged()).contains("* LIST (\\HasNoChildren) \"/\" INBOX\r\n")
        .contains("\\Sent", "\\Drafts", "\\Trash", "\\Junk");
    assertThat(r.completion()).isEqualTo("l OK LIST completed");
  }

  @Test
  void anEmptyPatternAsksForTheDelimiter() {
    assertThat(imap.run("l LIST \"\" \"\"").ok().untagged()).isEqualTo("* LIST (\\Noselect) \"/\" \"\"\r\n");
  }

  @Test
  void percentStopsAtTheDelimiter() {
    imap.run("c CREATE a/b/c").ok();
    FakeImapSession.Response r = imap.run("l LIST \"\" a/%").ok();
    assertThat(r.untagged()).contains("\"a/b\"").doesNotContain("a/b/c");
  }

  @Test
  void listExtendedWithReturnStatus() {
    imap.deliver("one");
    FakeImapSession.Response r = imap.run("l LIST \"\" INBOX RETURN (STATUS (MESSAGES))").ok();
    assertThat(r.untagged()).contains("* LIST (", "* STATUS INBOX (MESSAGES 1)\r\n");
  }

  @Test
  void lsubListsTheSubscribedFolders() {
    imap.run("c CREATE Hidden").ok();
    FakeImapSession.Response r = imap.run("l LSUB \"\" *").ok();
    assertThat(r.untagged()).contains("* LSUB (", " INBOX\r\n").doesNotContain("Hidden");
  }

  @Test
  void badSelectionOptionsAndSyntax() {
    assertThat(imap.complete("l LIST (BOGUS) \"\" *")).isEqualTo("l BAD Unknown LIST selection option BOGUS");
    assertThat(imap.complete("m LIST (RECURSIVEMATCH) \"\" *")).startsWith("m BAD RECURSIVEMATCH needs");
    assertThat(imap.complete("n LIST \"\"")).startsWith("n BAD");
  }
}
