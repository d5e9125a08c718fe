package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ImapArgsTest {
  @Test
  void readsAtomsQuotedStringsAndLiterals() throws Exception {
    ImapArgs a = new ImapArgs(List.of("INBOX \"a \\\"quoted\\\" one\" ", "lit\r\n".getBytes(StandardCharsets.UTF_8), " (\\Seen $k)"));
    assertThat(a.astring()).isEqualTo("INBOX");
    a.sp();
    assertThat(a.astring()).isEqualTo("a \"quoted\" one");
    a.sp();
    assertThat(a.peek()).isEqualTo(ImapArgs.LITERAL);
    assertThat(a.astring()).isEqualTo("lit\r\n");
    a.sp();
    assertThat(a.flagList()).containsExactly("\\Seen", "$k");
    assertThat(a.atEnd()).isTrue();
  }

  @Test
  void syntaxErrorsSayWhatWasExpected() {
    assertThatThrownBy(() -> ImapArgs.of("\"open").astring()).isInstanceOf(ImapException.class)
        .hasMessageContaining("Unterminated");
    assertThatThrownBy(() -> ImapArgs.of("").atom()).hasMessageContaining("Expected an atom");
    assertThatThrownBy(() -> ImapArgs.of("x y").end()).hasMessageContaining("Unexpected extra arguments");
    assertThatThrownBy(() -> ImapArgs.of("12a").number()).hasMessageContaining("Expected a number");
  }

  @Test
  void fetchItemsParseMacrosSectionsAndPartials() throws Exception {
    List<FetchCommand.Item> items = FetchCommand.parseItems(
        ImapArgs.of("(UID BODY.PEEK[HEADER.FIELDS (From Subject)]<0.100> BODY[1.2.MIME] RFC822.SIZE)"));
    assertThat(items).extracting(FetchCommand.Item::kind).containsExactly(FetchCommand.Kind.UID,
        FetchCommand.Kind.SECTION, FetchCommand.Kind.SECTION, FetchCommand.Kind.SIZE);
    assertThat(items.get(1).section()).isEqualTo("HEADER.FIELDS (From Subject)");
    assertThat(items.get(1).peek()).isTrue();
    assertThat(items.get(1).start()).isZero();
    assertThat(items.get(1).length()).isEqualTo(100);
    assertThat(items.get(2).setsSeen()).isTrue();
    assertThat(FetchCommand.parseItems(ImapArgs.of("full"))).hasSize(5);
    assertThatThrownBy(() -> FetchCommand.parseItems(ImapArgs.of("(FLAGS BOGUS)"))).hasMessageContaining("BOGUS");
    assertThatThrownBy(() -> FetchCommand.parseItems(ImapArgs.of("BODY[]<5>"))).hasMessageContaining("partial");
  }
}
