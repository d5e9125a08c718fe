package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.inspector.internal.Route;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * CSRF in a real browser (headless Chromium, Selenium): a page served from another origin
 * ({@code http://localhost:<other port>}, while the inspector is {@code http://127.0.0.1:<port>}) tries
 * every state-changing route the ways a browser allows without a CORS preflight — {@code no-cors}
 * fetches with text/plain and form bodies, HTML form posts in all three encodings, beacons — and a
 * preflighted JSON fetch. The requests reach the server (its request count grows) and nothing changes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrossSiteBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Tries each attack of {@code ATTACKS} against {@code TARGET}, then sets the title to "done". */
  private static final String PAGE = """
      <!doctype html><html><head><meta charset="utf-8"><title>cute cats</title></head><body><script>
      const TARGET = %s;
      const ATTACKS = %s;
      const results = [];
      function frame(name) {
        const f = document.createElement('iframe');
        f.name = name;
        document.body.appendChild(f);
        // a 204 answer does not navigate the frame, so no load event: give up waiting after 5 s
        return new Promise(resolve => { f.onload = () => resolve(name + ' loaded'); setTimeout(() => resolve(name + ' no load'), 5000); });
      }
      function form(url, enctype, body, i) {
        const name = 'f' + i + enctype.replace(/\\W/g, '');
        const loaded = frame(name);
        const f = document.createElement('form');
        f.method = 'POST'; f.action = url; f.enctype = enctype; f.target = name;
        const input = document.createElement('input');
        // text/plain encodes name=value: split the JSON at its first '=' (or pad it) so the body is the JSON
        input.name = body.length ? body + ' ' : 'x'; input.value = '';
        f.appendChild(input);
        document.body.appendChild(f);
        f.submit();
        return loaded;
      }
      async function attack() {
        const tries = [];
        ATTACKS.forEach((a, i) => {
          const url = TARGET + a.path;
          const body = a.body || '{}';
          tries.push(fetch(url, {mode: 'no-cors', method: a.method, body: body, credentials: 'include'}).then(r => 'sent ' + r.type));
          tries.push(fetch(url, {mode: 'no-cors', method: a.method, body: new URLSearchParams({json: body}), credentials: 'include'}).then(r => 'sent ' + r.type));
          tries.push(fetch(url, {mode: 'cors', method: a.method, body: body, headers: {'Content-Type': 'application/json', 'X-FakeMail-Request': '1'}}).then(r => 'cors ' + r.status));
          tries.push(Promise.resolve(navigator.sendBeacon(url, body)).then(b => 'beacon ' + b));
          tries.push(form(url, 'text/plain', body, i));
          tries.push(form(url, 'application/x-www-form-urlencoded', body, i));
          tries.push(form(url, 'multipart/form-data', body, i));
        });
        const settled = await Promise.allSettled(tries);
        settled.forEach(s => results.push(s.status + ': ' + (s.value || s.reason)));
        window.attackResults = results;
        document.title = 'done';
      }
      attack();
      </script></body></html>""";

  private FakeMailServer mail;
  private FakeMailHttpServer http;
  private HttpServer attacker;
  private ChromeDriver driver;

  @BeforeEach
  void start(@TempDir Path profile) throws Exception {
    ExternalPrograms.require(CHROMIUM, "apt-get install -y chromium");
    ExternalPrograms.require(CHROMEDRIVER, "apt-get install -y chromium-driver");
    mail = StateChangingRoutes.seededServer();
    http = FakeMailHttpServer.start(mail);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1024,768", "--user-data-dir=" + profile,
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (attacker != null) {
      attacker.stop(0);
    }
    if (http != null) {
      http.close();
    }
    if (mail != null) {
      mail.close();
    }
  }

  /** Serves the attack page on another port; the browser loads it as http://localhost:port (another site). */
  private String serveAttackPage(Map<Route, String> attacks) throws IOException {
    ArrayNode list = Api.JSON.createArrayNode();
    attacks.forEach((r, body) -> {
      ObjectNode a = list.addObject();
      a.put("method", r.method());
      a.put("path", r.path().substring(1));
      a.put("body", body);
    });
    String target = Api.JSON.writeValueAsString(http.baseUri().toString());
    byte[] page = String.format(PAGE, target, Api.JSON.writeValueAsString(list)).getBytes(StandardCharsets.UTF_8);
    attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    attacker.createContext("/", ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(200, page.length);
      try (var out = ex.getResponseBody()) {
        out.write(page);
      }
    });
    attacker.start();
    return "http://localhost:" + attacker.getAddress().getPort() + "/";
  }

  @Test
  void aPageFromAnotherSiteChangesNothing() throws Exception {
    Map<Route, String> attacks = StateChangingRoutes.attacks(http, mail);
    StateChangingRoutes.State before = StateChangingRoutes.State.of(mail, http);
    long requestsBefore = http.requestCount();
    assertThat(http.baseUri().getHost()).isEqualTo("127.0.0.1");

    driver.get(serveAttackPage(attacks));
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "done".equals(d.getTitle()));

    @SuppressWarnings("unchecked")
    List<String> results = (List<String>) driver.executeScript("return window.attackResults");
    assertThat(results).hasSize(attacks.size() * 7);
    long posts = attacks.keySet().stream().filter(r -> r.method().equals("POST")).count();
    assertThat(results.stream().filter(r -> r.equals("fulfilled: sent opaque")).count())
        .as("no-cors POSTs the browser sent: %s", results).isEqualTo(posts * 2);
    assertThat(results.stream().filter(r -> r.startsWith("fulfilled: cors"))).as("no preflight passed").isEmpty();
    long reached = http.requestCount() - requestsBefore;
    assertThat(reached).as("requests that reached the server (no-cors POSTs and form posts at least)")
        .isGreaterThanOrEqualTo(posts * 2 + attacks.size() * 3L);

    assertThat(StateChangingRoutes.State.of(mail, http)).isEqualTo(before);
  }
}
