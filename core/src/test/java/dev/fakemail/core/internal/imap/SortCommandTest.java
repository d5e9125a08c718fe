package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SORT and UID SORT through a fake exchange. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SortCommandTest {
  private final FakeImapSession imap = new FakeImapSession().deliver("banana").deliver("apple").deliver("cherry");

  @Test
  void sortOrdersByTheCriteria() {
    imap.select();
    FakeImapSession.Response r = imap.run("s SORT (SUBJECT) UTF-8 ALL");
    assertThat(r.untagged()).isEqualTo("* SORT 2 1 3\r\n");
    assertThat(r.completion()).isEqualTo("s OK SORT completed");
    assertThat(imap.run("t SORT (REVERSE SUBJECT) UTF-8 ALL").untagged()).isEqualTo("* SORT 3 1 2\r\n");
  }

  @Test
  void uidSortAnswersWithUids() {
    imap.select();
    FakeImapSession.Response r = imap.run("s UID SORT (SUBJECT) US-ASCII NOT SUBJECT apple");
    assertThat(r.untagged()).isEqualTo("* SORT 1 3\r\n");
    assertThat(r.completion()).isEqualTo("s OK UID SORT completed");
  }

  @Test
  void sortErrors() {
    imap.select();
    assertThat(imap.complete("a SORT (COLOUR) UTF-8 ALL")).isEqualTo("a BAD Unknown sort criterion COLOUR");
    assertThat(imap.complete("b SORT (REVERSE) UTF-8 ALL")).startsWith("b BAD Syntax: SORT");
    assertThat(imap.complete("c SORT (DATE) KOI8-R ALL")).startsWith("c NO [BADCHARSET");
    assertThat(imap.complete("d SORT (DATE) UTF-8")).startsWith("d BAD");
  }
}
