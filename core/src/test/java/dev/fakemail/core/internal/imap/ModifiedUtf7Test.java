package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ModifiedUtf7Test {
  @Test
  void rfc3501ExampleDecodesAndEncodesBack() {
    String wire = "~peter/mail/&U,BTFw-/&ZeVnLIqe-";
    assertThat(ModifiedUtf7.decode(wire)).isEqualTo("~peter/mail/台北/日本語");
    assertThat(ModifiedUtf7.encode("~peter/mail/台北/日本語")).isEqualTo(wire);
  }

  @Test
  void umlautsAmpersandAndSurrogatePairsRoundTrip() {
    assertThat(ModifiedUtf7.encode("Entwürfe")).isEqualTo("Entw&APw-rfe");
    assertThat(ModifiedUtf7.decode("&AOQ-")).isEqualTo("ä");
    assertThat(ModifiedUtf7.encode("R&D")).isEqualTo("R&-D");
    assertThat(ModifiedUtf7.decode("R&-D")).isEqualTo("R&D");
    for (String name : new String[] {"Entwürfe", "日本語", "a😀b", "&&", "plain", "Ünïcödé & more/子"}) {
      assertThat(ModifiedUtf7.decode(ModifiedUtf7.encode(name))).isEqualTo(name);
    }
  }

  @Test
  void plainAsciiAndRawUtf8PassThrough() {
    assertThat(ModifiedUtf7.encode("Sent Items/2026")).isEqualTo("Sent Items/2026");
    assertThat(ModifiedUtf7.decode("Entwürfe")).isEqualTo("Entwürfe");
  }

  @Test
  void malformedRunsAreRejected() {
    assertThatThrownBy(() -> ModifiedUtf7.decode("R&D")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'&-'");
    assertThatThrownBy(() -> ModifiedUtf7.decode("&AO*-")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModifiedUtf7.decode("&AOR-")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leftover");
  }
}
