package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE and STATUS through a fake exchange. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MailboxCommandsTest {
  private final FakeImapSession imap = new FakeImapSession().login();

  private boolean exists(String name) {
    return imap.session.mailbox().folder(name).isPresent();
  }

  @Test
  void createMakesTheFolderAndItsSuperiors() {
    assertThat(imap.complete("c CREATE Projects/2026/")).isEqualTo("c OK CREATE completed");
    assertThat(exists("Projects")).isTrue();
    assertThat(exists("Projects/2026")).isTrue();
    assertThat(imap.complete("d CREATE Projects")).startsWith("d NO [ALREADYEXISTS]");
    assertThat(imap.complete("e CREATE")).startsWith("e BAD");
  }

  @Test
  void deleteRemovesAFolderButNotInbox() {
    imap.run("c CREATE Old").ok();
    assertThat(imap.complete("d DELETE Old")).isEqualTo("d OK DELETE completed");
    assertThat(exists("Old")).isFalse();
    assertThat(imap.complete("e DELETE Old")).isEqualTo("e NO [NONEXISTENT] No such mailbox");
    assertThat(imap.complete("f DELETE INBOX")).startsWith("f NO [CANNOT]");
  }

  @Test
  void renameMovesTheFolder() {
    imap.run("c CREATE Old").ok();
    assertThat(imap.complete("r RENAME Old New")).isEqualTo("r OK RENAME completed");
    assertThat(exists("Old")).isFalse();
    assertThat(exists("New")).isTrue();
    assertThat(imap.complete("s RENAME Nowhere Else")).isEqualTo("s NO [NONEXISTENT] No such mailbox");
    assertThat(imap.complete("t RENAME New")).startsWith("t BAD");
  }

  @Test
  void subscribeAndUnsubscribe() {
    imap.run("c CREATE News").ok();
    assertThat(imap.complete("s SUBSCRIBE News")).isEqualTo("s OK SUBSCRIBE completed");
    assertThat(imap.session.mailbox().subscriptions()).contains("News");
    assertThat(imap.complete("u UNSUBSCRIBE News")).isEqualTo("u OK UNSUBSCRIBE completed");
    assertThat(imap.session.mailbox().subscriptions()).doesNotContain("News");
  }

  @Test
  void statusCountsWithoutSelecting() {
    imap.deliver("one").deliver("two");
    FakeImapSession.Response r = imap.run("s STATUS INBOX (MESSAGES UNSEEN UIDNEXT)").ok();
    assertThat(r.untagged()).isEqualTo("* STATUS INBOX (MESSAGES 2 UNSEEN 2 UIDNEXT 3)\r\n");
    assertThat(imap.session.state()).isEqualTo(ImapState.AUTHENTICATED);
  }

  @Test
  void statusErrors() {
    assertThat(imap.complete("s STATUS Nowhere (MESSAGES)")).isEqualTo("s NO [NONEXISTENT] No such mailbox");
    assertThat(imap.complete("t STATUS INBOX (SIZE)")).isEqualTo("t BAD Unknown STATUS item SIZE");
    assertThat(imap.complete("u STATUS INBOX (MESSAGES")).isEqualTo("u BAD Unterminated STATUS item list");
  }
}
