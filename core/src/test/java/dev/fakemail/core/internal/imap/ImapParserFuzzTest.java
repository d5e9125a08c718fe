package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzing the IMAP argument parsers as the reader hands them a command: text, literals, text. Any
 * input parses or gets an {@link ImapException} carrying BAD or NO; nothing else escapes (no index
 * errors, no stack overflow). {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest='ImapParserFuzzTest#arguments'}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ImapParserFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void arguments(FuzzedDataProvider data) {
    int parser = data.consumeInt(0, 6);
    List<Object> parts = new ArrayList<>();
    parts.add(data.consumeString(2000));
    while (data.remainingBytes() > 0 && parts.size() < 7) {
      parts.add(data.consumeBytes(data.consumeInt(0, 64)));
      parts.add(data.consumeString(500));
    }
    ImapArgs a = new ImapArgs(parts);
    try {
      switch (parser) {
        case 0 -> assertThat(FetchCommand.parseItems(a)).isNotEmpty();
        case 1 -> {
          while (!a.atEnd()) {
            assertThat(SearchCommand.parseKey(a)).isNotNull();
            a.tryChar(' ');
          }
        }
        case 2 -> assertThat(SequenceSet.parse(a.word()).ranges()).isNotEmpty();
        case 3 -> assertThat(a.flagList()).isNotNull();
        case 4 -> {
          while (!a.atEnd()) {
            assertThat(a.astring()).isNotNull();
            a.sp();
          }
        }
        case 5 -> {
          assertThat(a.atom()).isNotEmpty();
          a.end();
        }
        default -> {
          while (!a.atEnd()) {
            assertThat(a.stringOrAtom()).isNotNull();
            if (a.peek() == ' ') {
              a.sp();
            } else {
              a.number();
            }
          }
        }
      }
    } catch (ImapException expected) {
      assertThat(expected.result().status()).isIn(ImapResult.Status.BAD, ImapResult.Status.NO);
    }
  }
}
