package dev.fakemail.inspector;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.core.DeliveryFilter;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.SimulatedNetwork;
import dev.fakemail.inspector.EventsIT.Event;
import dev.fakemail.inspector.EventsIT.EventReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /api/v1/deliveries} and the {@code delivery} event, with two in-process servers of one
 * simulated network: corp.test (inspected over HTTP) relays mail for far.test to mx.far.test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeliveriesApiIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final SimulatedNetwork net = new SimulatedNetwork();
  private FakeMailServer far;
  private FakeMailServer corp;
  private FakeMailHttpServer http;
  private Api api;
  private TestMail smtp;

  @BeforeEach
  void start() {
    far = FakeMailServer.builder().network(net).hostname("mx.far.test").start();
    corp = FakeMailServer.builder().network(net).hostname("mx.corp.test")
        .localDomain("corp.test").dnsRecord("far.test MX 10 mx.far.test").start();
    http = FakeMailHttpServer.start(corp);
    api = new Api(http.baseUri());
    smtp = new TestMail(corp.host(), corp.smtpPort());
  }

  @AfterEach
  void stop() {
    http.close();
    corp.close();
    far.close();
  }

  private JsonNode deliveries(String query) {
    HttpResponse<byte[]> res = api.get("api/v1/deliveries" + query);
    assertThat(res.statusCode()).as(Api.text(res)).isEqualTo(200);
    assertThat(Api.contentType(res)).startsWith("application/json");
    return Api.json(res);
  }

  @Test
  void relayedMessageIsADeliveredAttemptInTheLog() throws Exception {
    smtp.text("alice@corp.test", "bob@far.test", "relay me", "hello");
    far.awaitMessage(to("bob@far.test"), WAIT);
    DeliveryAttempt logged = corp.awaitDelivery(DeliveryFilter.to("bob@far.test"), WAIT);

    JsonNode body = deliveries("");
    assertThat(body.get("total").asInt()).isEqualTo(1);
    JsonNode d = body.get("deliveries").get(0);
    assertThat(d.get("recipient").asText()).isEqualTo("bob@far.test");
    assertThat(d.get("sender").asText()).isEqualTo("alice@corp.test");
    assertThat(d.get("host").asText()).isEqualTo("mx.far.test");
    assertThat(d.get("reply").asText()).startsWith("250");
    assertThat(d.get("outcome").asText()).isEqualTo("delivered");
    assertThat(d.get("attempt").asInt()).isEqualTo(1);
    assertThat(d.get("messageId").asText()).isEqualTo(logged.messageId());
    assertThat(Instant.parse(d.get("time").asText())).isEqualTo(logged.time());
  }

  @Test
  void filtersSelectByRecipientOutcomeAndMessageId() throws Exception {
    smtp.text("alice@corp.test", "bob@far.test", "to bob", "x");
    smtp.text("alice@corp.test", "nobody@nowhere.test", "no route", "x");
    corp.awaitDelivery(DeliveryFilter.to("bob@far.test"), WAIT);
    DeliveryAttempt bounced = corp.awaitDelivery(DeliveryFilter.to("nobody@nowhere.test"), WAIT);
    assertThat(bounced.outcome()).isEqualTo(DeliveryAttempt.Outcome.BOUNCED);

    assertThat(deliveries("").get("total").asInt()).isEqualTo(2);
    JsonNode onlyBounced = deliveries("?outcome=bounced");
    assertThat(onlyBounced.get("total").asInt()).isEqualTo(1);
    assertThat(onlyBounced.get("deliveries").get(0).get("recipient").asText()).isEqualTo("nobody@nowhere.test");
    assertThat(onlyBounced.get("deliveries").get(0).get("reply").asText()).contains("5.4.4");
    assertThat(deliveries("?outcome=DELIVERED").get("deliveries").get(0).get("recipient").asText()).isEqualTo("bob@far.test");
    assertThat(deliveries("?recipient=BOB@far.test").get("total").asInt()).isEqualTo(1);
    assertThat(deliveries("?messageId=" + bounced.messageId()).get("deliveries").get(0).get("outcome").asText())
        .isEqualTo("bounced");
    assertThat(deliveries("?outcome=deferred").get("total").asInt()).isZero();
    assertThat(deliveries("?messageId=nope").get("deliveries")).isEmpty();
  }

  @Test
  void badFilterIs400() {
    HttpResponse<byte[]> res = api.get("api/v1/deliveries?outcome=lost");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(Api.json(res).get("error").asText()).contains("delivered, deferred or bounced");
    assertThat(api.get("api/v1/deliveries?recipient=a@b.test&recipient=c@d.test").statusCode()).isEqualTo(400);
  }

  @Test
  void eachAttemptIsADeliveryEvent() throws Exception {
    EventReader reader = subscribe();

    smtp.text("alice@corp.test", "bob@far.test", "evented", "x");

    Event e = reader.next();
    while (!e.name().equals("delivery")) {
      e = reader.next();
    }
    JsonNode data = Api.JSON.readTree(e.data());
    assertThat(data.get("recipient").asText()).isEqualTo("bob@far.test");
    assertThat(data.get("outcome").asText()).isEqualTo("delivered");
    assertThat(data.get("host").asText()).isEqualTo("mx.far.test");
  }

  @Test
  void aDeferredAttemptIsRetriedWhenTheClockIsAdvancedOverRest() throws Exception {
    far.faults().add(Fault.at(Fault.Stage.RCPT).reply("451 4.7.1 try later").times(1));
    smtp.text("alice@corp.test", "bob@far.test", "retry me", "x");
    corp.awaitDelivery(DeliveryFilter.outcome(DeliveryAttempt.Outcome.DEFERRED), WAIT);
    JsonNode deferred = deliveries("?outcome=deferred").get("deliveries").get(0);
    assertThat(deferred.get("reply").asText()).startsWith("451 4.7.1");

    assertThat(api.postJson("api/v1/clock/advance", "{\"duration\":\"1m\"}").statusCode()).isEqualTo(200);

    corp.awaitDelivery(DeliveryFilter.outcome(DeliveryAttempt.Outcome.DELIVERED), WAIT);
    JsonNode all = deliveries("");
    assertThat(all.get("total").asInt()).isEqualTo(2);
    assertThat(all.get("deliveries").get(1).get("attempt").asInt()).isEqualTo(2);
    assertThat(all.get("deliveries").get(1).get("outcome").asText()).isEqualTo("delivered");
    assertThat(far.awaitMessage(to("bob@far.test"), WAIT).subject()).isEqualTo("retry me");
  }

  @Test
  void resetClearsTheDeliveryLog() throws Exception {
    smtp.text("alice@corp.test", "bob@far.test", "logged", "x");
    corp.awaitDelivery(DeliveryFilter.any(), WAIT);
    assertThat(deliveries("").get("total").asInt()).isEqualTo(1);

    assertThat(api.post("api/v1/reset").statusCode()).isEqualTo(204);

    assertThat(deliveries("").get("total").asInt()).isZero();
    assertThat(corp.deliveries()).isEmpty();
  }

  private EventReader subscribe() throws Exception {
    HttpResponse<Stream<String>> res = HttpClient.newHttpClient()
        .sendAsync(api.request("api/v1/events").timeout(Duration.ofSeconds(50)).GET().build(),
            HttpResponse.BodyHandlers.ofLines())
        .get(15, TimeUnit.SECONDS);
    assertThat(res.statusCode()).isEqualTo(200);
    EventReader reader = new EventReader(res);
    assertThat(reader.next().name()).isEqualTo("ready");
    return reader;
  }
}
