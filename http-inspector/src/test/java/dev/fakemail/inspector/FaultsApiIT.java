package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakemail.core.Fault;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/v1/faults}: rules and presets set over REST make real SMTP clients fail as asked. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultsApiIT extends InspectorFixture {
  private JsonNode created(HttpResponse<byte[]> res) {
    assertThat(res.statusCode()).as(Api.text(res)).isEqualTo(201);
    assertThat(Api.contentType(res)).startsWith("application/json");
    return Api.json(res);
  }

  private String badRequest(String body) {
    HttpResponse<byte[]> res = api.postJson("api/v1/faults", body);
    assertThat(res.statusCode()).as(body + " -> " + Api.text(res)).isEqualTo(400);
    assertThat(Api.json(res).get("status").asInt()).isEqualTo(400);
    return Api.json(res).get("error").asText();
  }

  private MessagingException sendFails(String to) {
    try {
      smtp.text("app@corp.test", to, "faulty", "x");
    } catch (MessagingException e) {
      return e;
    }
    throw new AssertionError("the send to " + to + " succeeded");
  }

  @Test
  void postedRuleIsStoredWithAnIdAndListed() {
    JsonNode rule = created(api.postJson("api/v1/faults",
        "{\"stage\":\"rcpt\",\"match\":{\"to\":\"bob@example.test\"},\"action\":\"REPLY\","
            + "\"reply\":\"452 4.2.2 Mailbox full\",\"times\":2}"));

    assertThat(rule.get("id").asText()).isNotBlank();
    assertThat(rule.get("stage").asText()).isEqualTo("RCPT");
    assertThat(rule.get("action").asText()).isEqualTo("REPLY");
    assertThat(rule.get("reply").asText()).isEqualTo("452 4.2.2 Mailbox full");
    assertThat(rule.get("match").get("to").asText()).isEqualTo("bob@example.test");
    assertThat(rule.get("match").has("from")).isFalse();
    assertThat(rule.get("times").asInt()).isEqualTo(2);
    assertThat(rule.get("probability").asDouble()).isEqualTo(1.0);
    assertThat(rule.get("fired").asLong()).isZero();
    assertThat(mail.faults().list()).extracting(Fault::id).containsExactly(rule.get("id").asText());

    HttpResponse<byte[]> list = api.get("api/v1/faults");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(Api.json(list)).hasSize(1);
    assertThat(Api.json(list).get(0)).isEqualTo(rule);
  }

  @Test
  void postAnswersWithTheLocationOfTheRule() {
    HttpResponse<byte[]> res = api.postJson("api/v1/faults", "{\"stage\":\"MAIL\",\"action\":\"DISCONNECT\"}");
    String id = created(res).get("id").asText();
    assertThat(res.headers().firstValue("Location")).hasValue("/api/v1/faults/" + id);
  }

  @Test
  void faultAddedOverRestMakesAngusMailFailUntilItIsDeleted() throws Exception {
    String id = created(api.postJson("api/v1/faults",
        "{\"stage\":\"RCPT\",\"match\":{\"to\":\"gone@example.test\"},\"reply\":\"550 5.1.1 gone\"}")).get("id").asText();

    MessagingException e = sendFails("gone@example.test");
    assertThat(e).isInstanceOf(SendFailedException.class);
    assertThat(chain(e)).anyMatch(t -> t instanceof SMTPAddressFailedException a && a.getReturnCode() == 550);
    assertThat(mail.messages()).isEmpty();

    assertThat(api.delete("api/v1/faults/" + id).statusCode()).isEqualTo(204);
    assertThat(mail.faults().list()).isEmpty();
    smtp.text("app@corp.test", "gone@example.test", "after delete", "x");
    assertThat(mail.awaitMessage(dev.fakemail.core.MessageFilter.to("gone@example.test")).subject()).isEqualTo("after delete");
  }

  @Test
  void deleteAllClearsEveryRule() throws Exception {
    created(api.postJson("api/v1/faults", "{\"stage\":\"DATA\",\"reply\":\"451 4.3.1 Insufficient resources\"}"));
    created(api.postJson("api/v1/faults", "{\"preset\":\"mailboxFull\",\"address\":\"full@example.test\"}"));
    assertThat(sendFails("someone@example.test")).isInstanceOf(SMTPSendFailedException.class);

    assertThat(api.delete("api/v1/faults").statusCode()).isEqualTo(204);

    assertThat(Api.json(api.get("api/v1/faults"))).isEmpty();
    smtp.text("app@corp.test", "full@example.test", "cleared", "x");
    assertThat(mail.awaitMessage(dev.fakemail.core.MessageFilter.to("full@example.test"))).isNotNull();
  }

  @Test
  void mailboxFullPresetRefusesThatRecipientOnly() throws Exception {
    JsonNode rule = created(api.postJson("api/v1/faults", "{\"preset\":\"mailboxFull\",\"address\":\"full@example.test\"}"));
    assertThat(rule.get("stage").asText()).isEqualTo("RCPT");
    assertThat(rule.get("reply").asText()).startsWith("452 4.2.2");

    MessagingException e = sendFails("full@example.test");
    assertThat(chain(e)).anyMatch(t -> t instanceof SMTPAddressFailedException a && a.getReturnCode() == 452);
    smtp.text("app@corp.test", "other@example.test", "fine", "x");
    assertThat(mail.messages()).hasSize(1);
    // the server counts the firing (the page's Faults view shows it)
    assertThat(Api.json(api.get("api/v1/faults")).get(0).get("fired").asLong()).isEqualTo(1);
  }

  @Test
  void permanentMailboxFullIs552() {
    JsonNode rule = created(api.postJson("api/v1/faults",
        "{\"preset\":\"mailboxFull\",\"address\":\"full@example.test\",\"permanent\":true}"));
    assertThat(rule.get("reply").asText()).startsWith("552 5.2.2");
  }

  @Test
  void greylistingPresetRefusesTheFirstAttemptAndAcceptsARetryOnceTheClockMovedOn() throws Exception {
    JsonNode rule = created(api.postJson("api/v1/faults", "{\"preset\":\"greylisting\",\"retryAfterMs\":300000}"));
    assertThat(rule.get("greylistMs").asLong()).isEqualTo(300_000);
    assertThat(rule.get("reply").asText()).startsWith("451 4.7.1");

    assertThat(chain(sendFails("bob@example.test")))
        .anyMatch(t -> t instanceof SMTPAddressFailedException a && a.getReturnCode() == 451);
    assertThat(api.postJson("api/v1/clock/advance", "{\"duration\":\"5m\"}").statusCode()).isEqualTo(200);

    smtp.text("app@corp.test", "bob@example.test", "retried", "x");
    assertThat(mail.awaitMessage(dev.fakemail.core.MessageFilter.to("bob@example.test")).subject()).isEqualTo("retried");
  }

  @Test
  void rateLimitPresetAllowsNMessagesPerWindow() throws Exception {
    JsonNode rule = created(api.postJson("api/v1/faults", "{\"preset\":\"rateLimit\",\"messages\":2,\"windowMs\":3600000}"));
    assertThat(rule.get("stage").asText()).isEqualTo("MAIL");
    assertThat(rule.get("after").asInt()).isEqualTo(2);
    assertThat(rule.get("windowMs").asLong()).isEqualTo(3_600_000);

    smtp.text("app@corp.test", "bob@example.test", "one", "x");
    smtp.text("app@corp.test", "bob@example.test", "two", "x");
    assertThat(sendFails("bob@example.test")).isNotNull(); // 421 and closed; Angus reports its failed RSET
    assertThat(mail.sessions()).anySatisfy(s -> assertThat(s.transcript())
        .anyMatch(l -> l.text().startsWith("421 4.7.0 Rate limit exceeded")));
    assertThat(Api.text(api.get("api/v1/sessions"))).contains("421 4.7.0 Rate limit exceeded");
    assertThat(mail.messages()).hasSize(2);
    assertThat(Api.json(api.get("api/v1/faults")).get(0).get("fired").asLong()).isEqualTo(1);
  }

  @Test
  void presetCanBeNarrowedByMatch() {
    JsonNode rule = created(api.postJson("api/v1/faults",
        "{\"preset\":\"greylisting\",\"match\":{\"from\":\"app@corp.test\"}}"));
    assertThat(rule.get("match").get("from").asText()).isEqualTo("app@corp.test");
    assertThat(rule.get("greylistMs").asLong()).isEqualTo(60_000);
  }

  @Test
  void actionIsInferredFromDelayMs() {
    JsonNode rule = created(api.postJson("api/v1/faults", "{\"stage\":\"EHLO\",\"delayMs\":10}"));
    assertThat(rule.get("action").asText()).isEqualTo("DELAY");
    assertThat(rule.get("delayMs").asLong()).isEqualTo(10);
  }

  @Test
  void invalidRuleIs400WithTheReasonTheFaultBuilderGives() {
    assertThat(badRequest("{\"stage\":\"RCPT\",\"action\":\"REPLY\",\"reply\":\"250 fine\"}"))
        .contains("reply must be a full reply line with a 4xx or 5xx code");
    assertThat(badRequest("{\"stage\":\"RCPT\",\"action\":\"TLS_FAIL\"}"))
        .contains("TLS_FAIL applies to the stages CONNECT (implicit TLS) and STARTTLS, not RCPT");
    assertThat(badRequest("{\"stage\":\"RCPT\",\"action\":\"DELAY\",\"delayMs\":0}")).contains("delay must be more than 0");
    assertThat(badRequest("{\"stage\":\"RCPT\",\"action\":\"DISCONNECT\",\"probability\":1.5}")).contains("probability");
    assertThat(badRequest("{\"stage\":\"MAIL\",\"action\":\"DISCONNECT\",\"windowMs\":1000}")).contains("after > 0");
    assertThat(badRequest("{\"stage\":\"MAIL\",\"action\":\"DISCONNECT\",\"times\":-1}")).contains("must not be negative");
    assertThat(mail.faults().list()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"stage\":\"LUNCH\",\"action\":\"DISCONNECT\"}|unknown stage 'LUNCH'",
      "{\"stage\":\"RCPT\",\"action\":\"EXPLODE\"}|unknown action 'EXPLODE'",
      "{\"action\":\"DISCONNECT\"}|needs a \"stage\"",
      "{\"stage\":\"RCPT\"}|needs an \"action\"",
      "{\"stage\":\"RCPT\",\"reploy\":\"451 x\"}|unknown field \"reploy\"",
      "{\"stage\":\"RCPT\",\"match\":{\"too\":\"x@y.test\"}}|unknown field \"too\"",
      "{\"preset\":\"coffee\"}|unknown preset 'coffee'",
      "{\"preset\":\"greylisting\",\"stage\":\"MAIL\"}|leave them out",
      "{\"preset\":\"greylisting\",\"address\":\"a@b.test\"}|does not take [address]",
      "{\"preset\":\"rateLimit\"}|needs \"messages\"",
      "{\"preset\":\"mailboxFull\"}|needs \"address\"",
      "{\"stage\":\"RCPT\",\"action\":\"DISCONNECT\",\"retryAfterMs\":5}|belong to a preset",
      "{\"stage\":\"RCPT\",\"times\":\"many\"}|unexpected JSON",
      "{\"stage\":|malformed JSON",
      "[]|unexpected JSON"})
  void badBodyIs400SayingWhy(String body, String reason) {
    assertThat(badRequest(body)).contains(reason);
  }

  @Test
  void unknownIdIs404AndWrongMethodIs405() {
    HttpResponse<byte[]> missing = api.delete("api/v1/faults/42");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Api.json(missing).get("error").asText()).contains("42");
    assertThat(api.get("api/v1/faults/42").statusCode()).isEqualTo(405);
    assertThat(api.send(api.request("api/v1/faults").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build())
        .statusCode()).isEqualTo(405);
  }

  @Test
  void listedRuleCanBePostedBackAsItIs() {
    JsonNode first = created(api.postJson("api/v1/faults", "{\"preset\":\"rateLimit\",\"messages\":5}"));
    assertThat(api.delete("api/v1/faults").statusCode()).isEqualTo(204);

    JsonNode again = created(api.postJson("api/v1/faults", first.toString()));

    assertThat(again.get("id").asText()).isNotEqualTo(first.get("id").asText());
    JsonNode againWithoutId = ((ObjectNode) again.deepCopy()).without("id");
    JsonNode firstWithoutId = ((ObjectNode) first.deepCopy()).without("id");
    assertThat(againWithoutId).isEqualTo(firstWithoutId);
  }

  @Test
  void ruleAddedInProcessIsListedOverRest() {
    Fault f = mail.faults().add(Fault.at(Fault.Stage.END_OF_DATA).reply("451 4.3.0 try again").probability(0.5, 42));
    JsonNode listed = Api.json(api.get("api/v1/faults")).get(0);
    assertThat(listed.get("id").asText()).isEqualTo(f.id());
    assertThat(listed.get("stage").asText()).isEqualTo("END_OF_DATA");
    assertThat(listed.get("probability").asDouble()).isEqualTo(0.5);
    assertThat(listed.get("seed").asLong()).isEqualTo(42);
    assertThat(listed.get("match").size()).isZero();
  }

  static List<Throwable> chain(Throwable t) {
    List<Throwable> out = new java.util.ArrayList<>();
    for (Throwable c = t; c != null && !out.contains(c); c = c.getCause() != null ? c.getCause()
        : c instanceof MessagingException m ? m.getNextException() : null) {
      out.add(c);
    }
    return out;
  }
}
