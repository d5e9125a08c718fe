package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LIST pattern matching (RFC 3501 §6.3.8): * crosses the delimiter, % does not. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ListPatternTest {
  private static boolean glob(String pattern, String name) {
    return ListCommand.glob(pattern, name, false);
  }

  @Test
  void wildcards() {
    assertThat(glob("*", "a/b/c")).isTrue();
    assertThat(glob("%", "a")).isTrue();
    assertThat(glob("%", "a/b")).isFalse();
    assertThat(glob("a/%", "a/b")).isTrue();
    assertThat(glob("a/%", "a/")).isTrue();
    assertThat(glob("a/%", "a/b/c")).isFalse();
    assertThat(glob("%/%", "a/b")).isTrue();
    assertThat(glob("a*c", "a/b/c")).isTrue();
    assertThat(glob("a%c", "a/b/c")).isFalse();
    assertThat(glob("%3/%4", "test3/test4")).isTrue();
    assertThat(glob("*test4", "x/test3/test4")).isTrue();
    assertThat(glob("*test4", "x/test3/test4/test5")).isFalse();
    assertThat(glob("x/%t*4", "x/test3/test4")).isTrue();
    assertThat(glob("", "")).isTrue();
    assertThat(glob("", "a")).isFalse();
    assertThat(glob("abc", "abd")).isFalse();
    assertThat(glob("Abc", "abc")).isFalse();
    assertThat(ListCommand.glob("In%", "INBOX", true)).isTrue();
  }

  @Test
  void manyWildcardsDoNotBacktrack() {
    String name = "a".repeat(255);
    assertThat(glob("*a".repeat(40) + "*b", name)).isFalse();
    assertThat(glob("%a".repeat(40) + "%b", name)).isFalse();
    assertThat(glob("*a".repeat(40), name)).isTrue();
  }

  @Test
  void literalPrefixStopsAtTheFirstWildcard() {
    assertThat(ListCommand.literalPrefix("a/b%c*")).isEqualTo("a/b");
    assertThat(ListCommand.literalPrefix("*")).isEmpty();
    assertThat(ListCommand.literalPrefix("abc")).isEqualTo("abc");
  }
}
