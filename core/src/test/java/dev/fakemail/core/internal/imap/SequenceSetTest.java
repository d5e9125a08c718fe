package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SequenceSetTest {
  @Test
  void containsRangesInEitherOrderAndStar() throws Exception {
    SequenceSet s = SequenceSet.parse("1:3,7,*,12:10");
    assertThat(s.contains(2, 20)).isTrue();
    assertThat(s.contains(11, 20)).isTrue();
    assertThat(s.contains(20, 20)).isTrue();
    assertThat(s.contains(5, 20)).isFalse();
    assertThat(SequenceSet.parse("5:*").contains(3, 3)).isTrue(); // "*" is the largest, the range is 3:5
  }

  @Test
  void badSetsAreRejected() {
    for (String bad : List.of("", "0", "1:", "a", "1,,2", "-1", "4294967296")) {
      assertThatThrownBy(() -> SequenceSet.parse(bad)).as(bad).isInstanceOf(ImapException.class);
    }
  }

  @Test
  void uidsAreFormattedCompactly() {
    assertThat(SequenceSet.format(List.of(1L, 2L, 3L, 5L, 7L, 8L))).isEqualTo("1:3,5,7:8");
  }
}
