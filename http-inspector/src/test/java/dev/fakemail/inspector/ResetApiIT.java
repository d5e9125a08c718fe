package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.FakeMailServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code POST /api/v1/reset} clears what tests set over REST and goes back to the start-up configuration. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResetApiIT {

  @Test
  void resetClearsFaultsAndMessagesAndRestoresUsersAndDns() throws Exception {
    try (FakeMailServer mail = FakeMailServer.builder().user("start@example.test", "pw")
        .dnsRecord("start.test MX 10 mx.start.test").start();
         FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      Api api = new Api(http.baseUri());
      new TestMail(mail.host(), mail.smtpPort()).text("a@corp.test", "start@example.test", "kept until reset", "x");
      assertThat(api.postJson("api/v1/faults", "{\"stage\":\"MAIL\",\"action\":\"DISCONNECT\"}").statusCode()).isEqualTo(201);
      assertThat(api.postJson("api/v1/dns/records", "{\"record\":\"far.test A 192.0.2.7\"}").statusCode()).isEqualTo(201);
      assertThat(api.delete("api/v1/dns/records?name=start.test").statusCode()).isEqualTo(200);
      assertThat(api.postJson("api/v1/users", "{\"address\":\"new@example.test\",\"password\":\"x\"}").statusCode()).isEqualTo(201);
      assertThat(api.delete("api/v1/users/start@example.test").statusCode()).isEqualTo(204);

      assertThat(api.post("api/v1/reset").statusCode()).isEqualTo(204);

      assertThat(Api.json(api.get("api/v1/faults"))).isEmpty();
      assertThat(Api.json(api.get("api/v1/messages")).get("total").asInt()).isZero();
      assertThat(Api.json(api.get("api/v1/deliveries")).get("total").asInt()).isZero();
      assertThat(mail.dns().records()).containsExactly(DnsRecord.parse("start.test MX 10 mx.start.test"));
      assertThat(Api.json(api.get("api/v1/users"))).singleElement()
          .satisfies(u -> assertThat(u.get("address").asText()).isEqualTo("start@example.test"));
    }
  }
}
