package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.internal.Route;
import dev.fakemail.inspector.internal.Routes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every state-changing route of the inspector with a request that would change something if it
 * got through, and a snapshot of the server's state to show that nothing did (CSRF tests).
 */
final class StateChangingRoutes {
  /** A user declared at start-up: DELETE /users/{address} targets it. */
  static final String USER = "start@example.test";
  static final String SEEDED_RECORD = "start.test MX 10 mx.start.test";

  private StateChangingRoutes() {}

  /** A server in strict mode with one user, one DNS record and one message. */
  static FakeMailServer seededServer() throws Exception {
    FakeMailServer mail = FakeMailServer.builder().user(USER, "pw").dnsRecord(SEEDED_RECORD).start();
    new TestMail(mail.host(), mail.smtpPort()).text("a@corp.test", USER, "must survive", "x");
    mail.awaitMessage(MessageFilter.to(USER));
    return mail;
  }

  /**
   * Each state-changing route of {@code http} (path with ids filled in for the seeded server) and a
   * JSON body that would act on it; fails when a route has no entry here, so that a new route is
   * added to the CSRF tests.
   */
  static Map<Route, String> attacks(FakeMailHttpServer http, FakeMailServer mail) {
    String id = mail.messages(MessageFilter.any()).get(0).id();
    Map<String, String> bodies = Map.ofEntries(
        Map.entry("DELETE /api/v1/messages", ""),
        Map.entry("DELETE /api/v1/messages/{id}", ""),
        Map.entry("POST /api/v1/faults", "{\"preset\":\"mailboxFull\",\"address\":\"" + USER + "\"}"),
        Map.entry("DELETE /api/v1/faults", ""),
        Map.entry("DELETE /api/v1/faults/{id}", ""),
        Map.entry("POST /api/v1/dns/records", "{\"record\":\"evil.test A 192.0.2.66\"}"),
        Map.entry("DELETE /api/v1/dns/records", ""),
        Map.entry("POST /api/v1/dns/dkim-keys", "{\"domain\":\"evil.test\",\"selector\":\"s1\"}"),
        Map.entry("POST /api/v1/clock/advance", "{\"duration\":\"5m\"}"),
        Map.entry("POST /api/v1/users", "{\"address\":\"mallory@example.test\",\"password\":\"x\"}"),
        Map.entry("DELETE /api/v1/users/{address}", ""),
        Map.entry("POST /api/v1/reset", "{}"));
    Map<Route, String> attacks = new LinkedHashMap<>();
    for (Route r : http.routes()) {
      if (!Routes.STATE_CHANGING.contains(r.method())) {
        continue;
      }
      String key = r.method() + " " + r.path();
      assertThat(bodies).as("a CSRF attack for the state-changing route %s", key).containsKey(key);
      String path = r.path().replace("{id}", id).replace("{address}", USER);
      attacks.put(new Route(r.method(), path), bodies.get(key));
    }
    return attacks;
  }

  /** What the attacks would change. */
  record State(List<String> messages, int faults, List<DnsRecord> records, Duration clock, List<String> users) {
    static State of(FakeMailServer mail, FakeMailHttpServer http) {
      Api api = new Api(http.baseUri());
      List<String> users = Api.json(api.get("api/v1/users")).findValuesAsText("address");
      return new State(mail.messages(MessageFilter.any()).stream().map(ReceivedMessage::id).toList(),
          mail.faults().list().size(), mail.dns().records(), mail.clock().offset(), users);
    }
  }
}
