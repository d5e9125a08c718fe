package dev.fakemail.inspector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The health answer is written by hand (no JSON mapper at start): it must still be the JSON the API documents. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HealthHandlerTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void upAndDownAreJson() throws Exception {
    assertThat(json.readTree(HealthHandler.body(true, List.of())).get("status").asText()).isEqualTo("UP");
    JsonNode down = json.readTree(HealthHandler.body(false, List.of()));
    assertThat(down.get("status").asText()).isEqualTo("DOWN");
    assertThat(down.has("failed")).isFalse();
  }

  @Test
  void downNamesEveryFailedListener() throws Exception {
    JsonNode down = json.readTree(HealthHandler.body(false, List.of("pop3", "imaps")));
    assertThat(down.get("status").asText()).isEqualTo("DOWN");
    assertThat(down.get("failed")).hasSize(2);
    assertThat(down.get("failed").get(0).asText()).isEqualTo("pop3");
    assertThat(down.get("failed").get(1).asText()).isEqualTo("imaps");
  }
}
