package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SEARCH, UID SEARCH and ESEARCH through a fake exchange. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SearchCommandTest {
  private final FakeImapSession imap = new FakeImapSession().deliver("hello 1").deliver("other").deliver("hello 3");

  @Test
  void searchAnswersWithSequenceNumbers() {
    imap.select();
    FakeImapSession.Response r = imap.run("s SEARCH SUBJECT hello");
    assertThat(r.untagged()).isEqualTo("* SEARCH 1 3\r\n");
    assertThat(r.completion()).isEqualTo("s OK SEARCH completed");
    assertThat(imap.run("t SEARCH NOT SUBJECT hello").untagged()).isEqualTo("* SEARCH 2\r\n");
    assertThat(imap.run("u SEARCH SUBJECT nothing").untagged()).isEqualTo("* SEARCH\r\n");
  }

  @Test
  void uidSearchAnswersWithUids() {
    imap.select();
    imap.run("e STORE 1 +FLAGS.SILENT (\\Deleted)").ok();
    imap.run("x EXPUNGE").ok();
    FakeImapSession.Response r = imap.run("s UID SEARCH ALL");
    assertThat(r.untagged()).isEqualTo("* SEARCH 2 3\r\n");
    assertThat(r.completion()).isEqualTo("s OK UID SEARCH completed");
  }

  @Test
  void searchReturnAnswersWithEsearch() {
    imap.select();
    assertThat(imap.run("s SEARCH RETURN (MIN MAX COUNT) ALL").ok().untagged())
        .isEqualTo("* ESEARCH (TAG \"s\") MIN 1 MAX 3 COUNT 3\r\n");
  }

  @Test
  void searchErrors() {
    imap.select();
    assertThat(imap.complete("a SEARCH FROBBLE")).startsWith("a BAD");
    assertThat(imap.complete("b SEARCH")).startsWith("b BAD Syntax: SEARCH");
    assertThat(imap.complete("c SEARCH CHARSET KOI8-R ALL")).startsWith("c NO [BADCHARSET (UTF-8 US-ASCII)]");
    assertThat(imap.complete("d SEARCH BEFORE yesterday")).startsWith("d BAD");
  }
}
