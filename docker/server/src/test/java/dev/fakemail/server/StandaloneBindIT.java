package dev.fakemail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The standalone program binds 127.0.0.1 unless told otherwise; only the image opens every interface. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StandaloneBindIT {

  @Test
  void everyListenerBindsLoopbackByDefault() throws Exception {
    Process p = StandaloneServerIT.start("--smtp-port", "0", "--imap-port", "0", "--http-port", "0");
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      for (String l = r.readLine(); l != null && !l.equals("ready"); l = r.readLine()) {
        lines.add(l.trim());
      }
      assertThat(lines).hasSize(3).allMatch(l -> l.split("\\s+")[1].startsWith("127.0.0.1:"), "binds 127.0.0.1");
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  @Test
  void theImageAloneBindsEveryInterface() throws Exception {
    assertThat(Files.readAllLines(Path.of("Dockerfile"))).contains("ENV FAKEMAIL_BIND=0.0.0.0");
  }
}
