package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.inspector.client.FakeMailClient;
import dev.fakemail.inspector.internal.Route;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CSRF protection of the state-changing routes, over plain HTTP: what a browser could send from
 * another site without a CORS preflight (a simple content type, no custom header), a foreign
 * {@code Origin}, {@code Sec-Fetch-Site: cross-site}: 403 and nothing changes. The browser-side
 * proof is {@link CrossSiteBrowserIT}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrossSiteRequestIT {
  private FakeMailServer mail;
  private FakeMailHttpServer http;

  @BeforeEach
  void start() throws Exception {
    mail = StateChangingRoutes.seededServer();
    http = FakeMailHttpServer.start(mail);
  }

  @AfterEach
  void stop() {
    http.close();
    mail.close();
  }

  /** A request built without the test helper's header. */
  private HttpResponse<byte[]> send(Route r, String contentType, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(http.baseUri().resolve(r.path().substring(1))).timeout(Duration.ofSeconds(10));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    b.method(r.method(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return new Api(http.baseUri()).send(b.build());
  }

  @Test
  void simpleRequestsAreRefusedOnEveryStateChangingRoute() {
    StateChangingRoutes.State before = StateChangingRoutes.State.of(mail, http);
    Map<Route, String> attacks = StateChangingRoutes.attacks(http, mail);
    assertThat(attacks).hasSizeGreaterThanOrEqualTo(11);
    for (Map.Entry<Route, String> a : attacks.entrySet()) {
      for (String type : new String[] {null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
        HttpResponse<byte[]> res = send(a.getKey(), type, a.getValue(), Map.of());
        assertThat(res.statusCode()).as("%s with %s", a.getKey(), type).isEqualTo(403);
        assertThat(Api.json(res).get("error").asText()).contains("application/json").contains("X-FakeMail-Request");
      }
    }
    assertThat(StateChangingRoutes.State.of(mail, http)).isEqualTo(before);
  }

  @Test
  void aForeignOriginIsRefusedEvenWithJsonAndNamesTheOptionThatAllowsIt() {
    StateChangingRoutes.State before = StateChangingRoutes.State.of(mail, http);
    for (Map.Entry<Route, String> a : StateChangingRoutes.attacks(http, mail).entrySet()) {
      for (String origin : new String[] {"http://evil.example", "null", "http://localhost:1"}) {
        HttpResponse<byte[]> res = send(a.getKey(), "application/json", a.getValue(),
            Map.of("Origin", origin, "X-FakeMail-Request", "1"));
        assertThat(res.statusCode()).as("%s from %s", a.getKey(), origin).isEqualTo(403);
        assertThat(Api.json(res).get("error").asText()).contains("--allowed-origin " + origin)
            .contains("FAKEMAIL_ALLOWED_ORIGIN").contains("allowedOrigin");
      }
      HttpResponse<byte[]> res = send(a.getKey(), "application/json", a.getValue(),
          Map.of("Sec-Fetch-Site", "cross-site", "X-FakeMail-Request", "1"));
      assertThat(res.statusCode()).as("%s cross-site", a.getKey()).isEqualTo(403);
      assertThat(Api.json(res).get("error").asText()).contains("--allowed-origin");
    }
    assertThat(StateChangingRoutes.State.of(mail, http)).isEqualTo(before);
  }

  @Test
  void theServersOwnOriginAndTheCustomHeaderGetThrough() {
    String self = "http://" + http.host() + ":" + http.port();
    HttpResponse<byte[]> res = send(new Route("POST", "/api/v1/dns/records"), "application/json",
        "{\"record\":\"same.test A 192.0.2.1\"}", Map.of("Origin", self, "Sec-Fetch-Site", "same-origin"));
    assertThat(res.statusCode()).isEqualTo(201);
    assertThat(send(new Route("DELETE", "/api/v1/faults"), null, "", Map.of("X-FakeMail-Request", "1")).statusCode())
        .isEqualTo(204);
    assertThat(send(new Route("POST", "/api/v1/reset"), null, "", Map.of("X-FakeMail-Request", "1", "Origin", self)).statusCode())
        .isEqualTo(204);
    assertThat(mail.messages(dev.fakemail.core.MessageFilter.any())).isEmpty();
  }

  @Test
  void aBodyNeedsApplicationJsonEvenWithTheCustomHeader() {
    HttpResponse<byte[]> res = send(new Route("POST", "/api/v1/users"), "text/plain",
        "{\"address\":\"mallory@example.test\",\"password\":\"x\"}", Map.of("X-FakeMail-Request", "1"));
    assertThat(res.statusCode()).isEqualTo(415);
    assertThat(Api.json(res).get("error").asText()).contains("application/json");
  }

  @Test
  void anAllowedOriginGetsThrough() {
    http.close();
    http = FakeMailHttpServer.builder(mail).allowedOrigin("https://mail.dev.example/").start();
    HttpResponse<byte[]> res = send(new Route("POST", "/api/v1/reset"), null, "",
        Map.of("Origin", "https://MAIL.dev.example", "Sec-Fetch-Site", "cross-site", "X-FakeMail-Request", "1"));
    assertThat(res.statusCode()).isEqualTo(204);
    assertThat(send(new Route("POST", "/api/v1/reset"), null, "",
        Map.of("Origin", "https://other.example", "X-FakeMail-Request", "1")).statusCode()).isEqualTo(403);
  }

  @Test
  void theJavaClientKeepsWorking() {
    FakeMailClient client = FakeMailClient.connect(http.baseUri());
    client.dns().add("client.test A 192.0.2.9");
    client.faults().clear();
    assertThat(client.removeUser(StateChangingRoutes.USER)).isTrue();
    client.purge();
    client.reset();
    assertThat(client.users()).extracting(dev.fakemail.core.User::address).containsExactly(StateChangingRoutes.USER);
  }

  @Test
  void readsNeedNoHeader() {
    HttpResponse<byte[]> res = new Api(http.baseUri()).send(HttpRequest.newBuilder(http.baseUri().resolve("api/v1/messages"))
        .header("Origin", "http://evil.example").GET().build());
    assertThat(res.statusCode()).as("reads stay open; CORS keeps their answers from other origins").isEqualTo(200);
    assertThat(res.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
