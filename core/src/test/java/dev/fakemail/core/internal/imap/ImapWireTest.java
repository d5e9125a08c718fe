package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ImapWireTest {
  /** The path LIST and LSUB take for each folder writes a name exactly as {@link ImapWire#mailbox(String, boolean)} does. */
  @Test
  void appendedMailboxNameIsTheSameAsTheEncodedOne() {
    String[] names = {"INBOX", "Sent", "d7/f750", "Sent Items/2026", "R&D", "say \"hi\"", "back\\slash", "Entwürfe",
        "日本語/子", "a😀b", "~peter/mail", "x".repeat(255), "INBOX/child", "inbox"};
    for (boolean utf8 : new boolean[] {false, true}) {
      for (String name : names) {
        StringBuilder line = new StringBuilder("LIST () \"/\" ");
        ImapWire.appendMailbox(line, name, utf8);
        assertThat(line.toString()).as("%s, utf8 %s", name, utf8).isEqualTo("LIST () \"/\" " + ImapWire.mailbox(name, utf8));
      }
    }
    StringBuilder plain = ImapWire.appendMailbox(new StringBuilder(), "d7/f750", false);
    assertThat(plain.toString()).isEqualTo("\"d7/f750\"");
  }
}
