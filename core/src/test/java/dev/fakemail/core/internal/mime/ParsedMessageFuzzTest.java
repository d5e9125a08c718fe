package dev.fakemail.core.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzing the message parsing path: any octets give a parsed view whose every field answers (empty
 * when it could not be read), never an exception. {@code JAZZER_FUZZ=1 mvn -pl core test
 * -Dtest='ParsedMessageFuzzTest#parse'}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ParsedMessageFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void parse(FuzzedDataProvider data) {
    ParsedMessage p = ParsedMessage.parse(data.consumeRemainingAsBytes());
    assertThat(p.subject()).isNotNull();
    assertThat(p.text()).isNotNull();
    assertThat(p.html()).isNotNull();
    assertThat(p.headers()).isNotNull();
    assertThat(p.from()).isNotNull();
    assertThat(p.to()).isNotNull();
    assertThat(p.cc()).isNotNull();
    assertThat(p.replyTo()).isNotNull();
    assertThat(p.messageId()).isNotNull();
    assertThat(p.attachments()).isNotNull();
  }
}
