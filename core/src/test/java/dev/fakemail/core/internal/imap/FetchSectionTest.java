package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FETCH sections parsed into values: part numbers, the text spec, header field lists. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FetchSectionTest {
  @Test
  void theWholeMessageAndItsParts() throws Exception {
    assertThat(FetchSection.parse("")).isEqualTo(FetchSection.WHOLE);
    FetchSection s = FetchSection.parse("1.2");
    assertThat(s.part()).containsExactly(1, 2);
    assertThat(s.spec()).isEqualTo(FetchSection.Spec.ALL);
    assertThat(s.partOnly()).isTrue();
    assertThat(FetchSection.parse("2.MIME").spec()).isEqualTo(FetchSection.Spec.MIME);
    assertThat(FetchSection.parse("3.1.text").spec()).isEqualTo(FetchSection.Spec.TEXT);
    assertThat(FetchSection.parse("3.1.text").specText()).isEqualTo("text");
  }

  @Test
  void headerFieldListsAreLowerCaseWithoutQuotes() throws Exception {
    FetchSection s = FetchSection.parse("HEADER.FIELDS (From \"Subject\"  X-Mailer)");
    assertThat(s.spec()).isEqualTo(FetchSection.Spec.HEADER_FIELDS);
    assertThat(s.fields()).isEqualTo(List.of("from", "subject", "x-mailer"));
    assertThat(s.text()).isEqualTo("HEADER.FIELDS (From \"Subject\"  X-Mailer)");
    assertThat(FetchSection.parse("1.header.fields.not (to)").spec()).isEqualTo(FetchSection.Spec.HEADER_FIELDS_NOT);
    assertThat(FetchSection.parse("HEADER").fields()).isEmpty();
  }

  @Test
  void invalidSectionsAreBad() {
    assertThatThrownBy(() -> FetchSection.parse("0")).hasMessage("Part numbers start at 1");
    assertThatThrownBy(() -> FetchSection.parse("BODY")).hasMessage("Unknown section BODY");
    assertThatThrownBy(() -> FetchSection.parse("MIME")).hasMessage("Unknown section MIME");
    assertThatThrownBy(() -> FetchSection.parse("HEADER.FIELDS")).hasMessage("Syntax: HEADER.FIELDS (name ...)");
    assertThatThrownBy(() -> FetchSection.parse("HEADER.FIELDS )(")).isInstanceOf(ImapException.class);
  }

  @Test
  void theMimeHeaderOfAPartForBinary() throws Exception {
    FetchSection mime = FetchSection.parse("1.2").mime();
    assertThat(mime.part()).containsExactly(1, 2);
    assertThat(mime.spec()).isEqualTo(FetchSection.Spec.MIME);
  }
}
