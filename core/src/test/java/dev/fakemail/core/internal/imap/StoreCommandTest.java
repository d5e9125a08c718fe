package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** STORE and UID STORE through a fake exchange. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StoreCommandTest {
  private final FakeImapSession imap = new FakeImapSession().deliver("one").deliver("two");

  @Test
  void storeAddsRemovesAndReplacesFlagsAndTellsTheResult() {
    imap.select();
    assertThat(imap.run("a STORE 1 +FLAGS (\\Flagged \\Seen)").ok().untagged()) // the flags in any order
        .startsWith("* 1 FETCH (FLAGS (").contains("\\Flagged", "\\Seen", "\\Recent").endsWith("))\r\n");
    assertThat(imap.run("b STORE 1 -FLAGS (\\Seen)").ok().untagged()).isEqualTo("* 1 FETCH (FLAGS (\\Flagged \\Recent))\r\n");
    assertThat(imap.run("c STORE 1 FLAGS (\\Answered)").ok().untagged()).isEqualTo("* 1 FETCH (FLAGS (\\Answered \\Recent))\r\n");
    assertThat(imap.run("d STORE 2 +FLAGS.SILENT (\\Seen)").ok().untagged()).isEmpty();
  }

  @Test
  void uidStoreAddressesUidsAndReportsThem() {
    imap.select();
    assertThat(imap.run("a UID STORE 2 +FLAGS (\\Seen)").ok().untagged())
        .isEqualTo("* 2 FETCH (FLAGS (\\Seen \\Recent) UID 2)\r\n");
  }

  @Test
  void aNewKeywordIsAnnouncedInFlagsFirst() {
    imap.select();
    assertThat(imap.run("a STORE 1 +FLAGS (Urgent)").ok().untagged())
        .startsWith("* FLAGS (").contains("Urgent").endsWith("* 1 FETCH (FLAGS (Urgent \\Recent))\r\n");
  }

  @Test
  void storeErrors() {
    imap.select();
    assertThat(imap.complete("a STORE 1 +LABELS (x)")).startsWith("a BAD Syntax: STORE");
    assertThat(imap.complete("b STORE 1 +FLAGS (\\Bogus)")).startsWith("b BAD");
    assertThat(imap.complete("c STORE x +FLAGS (\\Seen)")).startsWith("c BAD");
    imap.run("e EXAMINE INBOX").ok();
    assertThat(imap.complete("d STORE 1 +FLAGS (\\Seen)")).isEqualTo("d NO Mailbox is read-only");
  }
}
