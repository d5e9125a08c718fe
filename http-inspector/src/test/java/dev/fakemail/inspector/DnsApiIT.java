package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.FakeMailServer;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** {@code /api/v1/dns/records} and {@code /api/v1/clock/advance}: the simulated DNS and clock over REST. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DnsApiIT extends InspectorFixture {
  @Override
  protected FakeMailServer startMail() {
    return FakeMailServer.builder().dnsPort(0).dnsRecord("start.test A 192.0.2.1").start();
  }

  private JsonNode created(String body) {
    HttpResponse<byte[]> res = api.postJson("api/v1/dns/records", body);
    assertThat(res.statusCode()).as(Api.text(res)).isEqualTo(201);
    return Api.json(res);
  }

  private String error(HttpResponse<byte[]> res, int status) {
    assertThat(res.statusCode()).as(Api.text(res)).isEqualTo(status);
    assertThat(Api.json(res).get("status").asInt()).isEqualTo(status);
    return Api.json(res).get("error").asText();
  }

  @Test
  void recordPostedAsFieldsIsInTheSimulatedDns() {
    JsonNode r = created("{\"name\":\"Far.Test.\",\"type\":\"mx\",\"value\":\"10 mx.far.test\",\"ttl\":60}");

    assertThat(r.get("name").asText()).isEqualTo("far.test");
    assertThat(r.get("type").asText()).isEqualTo("MX");
    assertThat(r.get("value").asText()).isEqualTo("10 mx.far.test");
    assertThat(r.get("ttl").asLong()).isEqualTo(60);
    assertThat(r.has("record")).isFalse();
    assertThat(mail.dns().records("far.test")).containsExactly(new DnsRecord("far.test", "MX", "10 mx.far.test", 60));
  }

  @Test
  void recordPostedInTheStringFormIsInTheSimulatedDnsWithTheDefaultTtl() {
    JsonNode r = created("{\"record\":\"far.test MX 10 mx.far.test\"}");

    assertThat(r.get("ttl").asLong()).isEqualTo(DnsRecord.DEFAULT_TTL);
    assertThat(mail.dns().records("far.test")).containsExactly(DnsRecord.parse("far.test MX 10 mx.far.test"));
  }

  @Test
  void recordPostedOverRestIsAnsweredOnTheDnsPort() throws Exception {
    created("{\"record\":\"far.test MX 10 mx.far.test\"}");

    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(mail.dnsPort());
    resolver.setTimeout(Duration.ofSeconds(5));
    Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("far.test."), Type.MX, 1)));

    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER)).singleElement()
        .satisfies(rec -> assertThat(((MXRecord) rec).getTarget().toString()).isEqualTo("mx.far.test."));
  }

  @Test
  void listShowsEveryRecordAndFiltersByNameAndType() {
    created("{\"record\":\"far.test MX 10 mx.far.test\"}");
    created("{\"record\":\"far.test TXT v=spf1 -all\"}");
    created("{\"name\":\"mx.far.test\",\"type\":\"A\",\"value\":\"192.0.2.25\"}");

    JsonNode all = Api.json(api.get("api/v1/dns/records"));
    assertThat(all).hasSize(4);
    assertThat(all.get(0).get("name").asText()).isEqualTo("start.test");
    assertThat(Api.json(api.get("api/v1/dns/records?name=far.test"))).hasSize(2);
    JsonNode txt = Api.json(api.get("api/v1/dns/records?name=FAR.test&type=txt"));
    assertThat(txt).hasSize(1);
    assertThat(txt.get(0).get("value").asText()).isEqualTo("v=spf1 -all");
    assertThat(Api.json(api.get("api/v1/dns/records?type=A"))).hasSize(2);
    error(api.get("api/v1/dns/records?type=SRV"), 400);
  }

  @Test
  void deleteRemovesByNameTypeAndValue() {
    created("{\"record\":\"far.test MX 10 mx.far.test\"}");
    created("{\"record\":\"far.test MX 20 backup.far.test\"}");
    created("{\"record\":\"far.test TXT hello\"}");
    created("{\"record\":\"other.test A 192.0.2.9\"}");

    HttpResponse<byte[]> one = api.delete("api/v1/dns/records?name=far.test&type=MX&value=20%20backup.far.test");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(Api.json(one).get("removed").asInt()).isEqualTo(1);
    assertThat(mail.dns().records("far.test")).extracting(DnsRecord::value).containsExactly("10 mx.far.test", "hello");

    assertThat(Api.json(api.delete("api/v1/dns/records?name=far.test&type=mx")).get("removed").asInt()).isEqualTo(1);
    assertThat(Api.json(api.delete("api/v1/dns/records?name=far.test")).get("removed").asInt()).isEqualTo(1);
    assertThat(mail.dns().records("far.test")).isEmpty();
    assertThat(mail.dns().records("other.test")).hasSize(1);
  }

  @Test
  void deleteWithoutParametersRemovesEveryRecordAndResetBringsTheStartUpRecordsBack() {
    created("{\"record\":\"far.test MX 10 mx.far.test\"}");

    HttpResponse<byte[]> res = api.delete("api/v1/dns/records");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.json(res).get("removed").asInt()).isEqualTo(2);
    assertThat(mail.dns().records()).isEmpty();
    assertThat(Api.json(api.get("api/v1/dns/records"))).isEmpty();

    assertThat(api.post("api/v1/reset").statusCode()).isEqualTo(204);
    assertThat(mail.dns().records()).containsExactly(DnsRecord.parse("start.test A 192.0.2.1"));
  }

  @Test
  void deletingWhatIsNotThereIs404() {
    assertThat(error(api.delete("api/v1/dns/records?name=nothing.test"), 404)).contains("nothing.test");
    assertThat(error(api.delete("api/v1/dns/records?name=start.test&type=MX"), 404)).contains("start.test MX");
    error(api.delete("api/v1/dns/records?name=start.test&type=A&value=192.0.2.2"), 404);
    assertThat(mail.dns().records()).hasSize(1);
  }

  @Test
  void badDeleteParametersAre400() {
    error(api.delete("api/v1/dns/records?type=MX"), 400);
    error(api.delete("api/v1/dns/records?name=far.test&value=x"), 400);
    error(api.delete("api/v1/dns/records?name=far.test&type=SRV"), 400);
    error(api.delete("api/v1/dns/records?name=start.test&type=A&value=not-an-address"), 400);
    assertThat(error(api.delete("api/v1/dns/records?name="), 400)).contains("must not be empty");
    assertThat(error(api.delete("api/v1/dns/records?nmae=start.test"), 400)).contains("unknown parameter nmae");
    assertThat(mail.dns().records()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"name\":\"far.test\",\"type\":\"SRV\",\"value\":\"x\"}",
      "{\"name\":\"far.test\",\"type\":\"A\",\"value\":\"999.1.1.1\"}",
      "{\"name\":\"far.test\",\"type\":\"MX\",\"value\":\"mx.far.test\"}",
      "{\"name\":\"far.test\",\"type\":\"A\"}",
      "{\"name\":\"far.test\",\"type\":\"A\",\"value\":\"192.0.2.1\",\"ttl\":-1}",
      "{\"record\":\"far.test MX\"}",
      "{\"record\":\"far.test IN MX 10 mx.far.test\"}",
      "{\"record\":\"far.test MX 10 mx.far.test\",\"name\":\"far.test\"}",
      "{\"record\":\"start.test CNAME elsewhere.test\"}",
      "{\"nmae\":\"far.test\",\"type\":\"A\",\"value\":\"192.0.2.1\"}",
      "{}",
      "\"far.test MX 10 mx.far.test\""})
  void invalidRecordIs400(String body) {
    assertThat(error(api.postJson("api/v1/dns/records", body), 400)).isNotBlank();
    assertThat(mail.dns().records()).hasSize(1);
  }

  @Test
  void clockAdvanceAnswersTheNewOffset() {
    HttpResponse<byte[]> first = api.postJson("api/v1/clock/advance", "{\"duration\":\"PT5M\"}");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(Api.json(first).get("offset").asText()).isEqualTo("PT5M");
    assertThat(Api.json(first).get("offsetMs").asLong()).isEqualTo(300_000);

    JsonNode second = Api.json(api.postJson("api/v1/clock/advance", "{\"duration\":\"30s\"}"));
    assertThat(second.get("offsetMs").asLong()).isEqualTo(330_000);
    assertThat(Api.json(api.postJson("api/v1/clock/advance", "{\"duration\":\"1h\"}")).get("offset").asText())
        .isEqualTo("PT1H5M30S");
    assertThat(mail.clock().offset()).isEqualTo(Duration.ofSeconds(3930));
    assertThat(java.time.Instant.parse(second.get("now").asText())).isAfter(java.time.Instant.now().plusSeconds(300));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"duration\":\"soon\"}", "{\"duration\":\"-PT5M\"}", "{\"duration\":\"PT-1S\"}",
      "{\"duration\":\"\"}", "{}", "{\"duration\":\"P400D\"}", "{\"duration\":\"5m\",\"extra\":1}", "{\"duration\":5m}"})
  void badClockAdvanceIs400(String body) {
    error(api.postJson("api/v1/clock/advance", body), 400);
    assertThat(mail.clock().offset()).isZero();
  }
}
