package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.internal.mailbox.FolderMessage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** APPEND (with MULTIAPPEND) through a fake exchange; the literals come as the reader hands them over. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AppendCommandTest {
  private static final byte[] MESSAGE = "Subject: draft\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);
  private final FakeImapSession imap = new FakeImapSession().login();

  @Test
  void appendStoresTheMessageWithFlagsAndDateAndAnswersAppendUid() {
    String completion = imap.complete("a APPEND Drafts (\\Draft \\Seen) \"05-Mar-2026 10:00:00 +0000\" ", MESSAGE, "");
    var drafts = imap.session.mailbox().folder("Drafts").orElseThrow();
    assertThat(completion).isEqualTo("a OK [APPENDUID " + drafts.uidValidity() + " 1] APPEND completed");
    FolderMessage m = drafts.messages().get(0);
    assertThat(m.flags()).contains("\\Draft", "\\Seen");
    assertThat(m.content().internalDate()).hasToString("2026-03-05T10:00:00Z");
    assertThat(m.content().bytes()).isEqualTo(MESSAGE);
  }

  @Test
  void multiAppendStoresAllMessages() {
    String completion = imap.complete("a APPEND INBOX ", MESSAGE, " ", MESSAGE, "");
    assertThat(completion).endsWith(" 1:2] APPEND completed");
    assertThat(imap.session.mailbox().inbox().size()).isEqualTo(2);
  }

  @Test
  void appendToAMissingFolderIsTrycreate() {
    assertThat(imap.complete("a APPEND Nowhere ", MESSAGE, "")).isEqualTo("a NO [TRYCREATE] No such mailbox");
  }

  @Test
  void appendSyntaxErrorsAreBadAndStoreNothing() {
    assertThat(imap.complete("a APPEND INBOX \"yesterday\" ", MESSAGE, "")).startsWith("a BAD Bad date-time");
    assertThat(imap.complete("b APPEND INBOX (\\Bogus) ", MESSAGE, "")).startsWith("b BAD");
    assertThat(imap.complete("c APPEND INBOX message")).isEqualTo("c BAD Expected the message as a literal");
    assertThat(imap.session.mailbox().inbox().size()).isZero();
  }
}
