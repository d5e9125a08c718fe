package dev.fakemail.inspector;

import static dev.fakemail.core.MessageFilter.subject;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.Authentication;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.client.FakeMailClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sender authentication over REST: the message's verdicts, the filters, the .eml download, the Java client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthenticationApiIT extends InspectorFixture {

  @Test
  void messageJsonCarriesVerdictsAndFiltersSelectByThem() throws Exception {
    mail.dns().spf("good.test", "v=spf1 ip4:127.0.0.1 -all").dmarc("good.test", "v=DMARC1; p=reject");
    mail.dns().spf("spoofed.test", "v=spf1 ip4:192.0.2.1 -all").dmarc("spoofed.test", "v=DMARC1; p=reject");
    smtp.text("alice@good.test", "bob@example.test", "good", "one");
    smtp.text("ceo@spoofed.test", "bob@example.test", "spoofed", "two");
    ReceivedMessage good = mail.awaitMessage(subject("good"));
    mail.awaitMessage(subject("spoofed"));

    JsonNode a = Api.json(api.get("api/v1/messages/" + good.id())).get("authentication");
    assertThat(a.get("spfResult").asText()).isEqualTo("pass");
    assertThat(a.get("dkimResult").asText()).isEqualTo("none");
    assertThat(a.get("dmarcResult").asText()).isEqualTo("pass");
    assertThat(a.get("spf").get("properties").get("smtp.mailfrom").asText()).isEqualTo("alice@good.test");
    assertThat(a.get("dmarc").get("properties").get("header.from").asText()).isEqualTo("good.test");
    assertThat(a.get("header").asText()).startsWith(mail.config().hostname() + "; dkim=none; spf=pass");

    JsonNode failing = Api.json(api.get("api/v1/messages?dmarc=fail"));
    assertThat(failing.get("total").asInt()).isEqualTo(1);
    assertThat(failing.get("messages").get(0).get("verdicts").toString())
        .isEqualTo("{\"spf\":\"fail\",\"dkim\":\"none\",\"dmarc\":\"fail\"}");
    assertThat(failing.get("messages").get(0).get("subject").asText()).isEqualTo("spoofed");
    assertThat(Api.json(api.get("api/v1/messages?spf=pass&dmarc=pass")).get("total").asInt()).isEqualTo(1);

    HttpResponse<byte[]> bad = api.get("api/v1/messages?dmarc=maybe");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Api.text(bad)).contains("dmarc must be one of");
  }

  @Test
  void emlDownloadHasTheTraceHeadersAndRawStaysExact() throws Exception {
    mail.dns().spf("good.test", "v=spf1 ip4:127.0.0.1 -all");
    smtp.text("alice@good.test", "bob@example.test", "eml", "body");
    ReceivedMessage m = mail.awaitMessage(subject("eml"));

    HttpResponse<byte[]> eml = api.get("api/v1/messages/" + m.id() + "/eml");
    assertThat(eml.statusCode()).isEqualTo(200);
    assertThat(Api.contentType(eml)).isEqualTo("message/rfc822");
    String text = new String(eml.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("Return-Path: <alice@good.test>\r\nAuthentication-Results: " + mail.config().hostname()
        + ";\r\n\tdkim=none;\r\n\tspf=pass");
    assertThat(text).endsWith(m.rawString());
    assertThat(eml.headers().firstValue("Content-Disposition").orElse("")).contains(".eml");
    assertThat(api.get("api/v1/messages/" + m.id() + "/raw").body()).isEqualTo(m.raw());
  }

  @Test
  void javaClientGivesTheServersVerdicts() throws Exception {
    mail.dns().spf("good.test", "v=spf1 ip4:127.0.0.1 -all");
    smtp.text("alice@good.test", "bob@example.test", "client", "body");
    ReceivedMessage local = mail.awaitMessage(subject("client"));
    ReceivedMessage remote = FakeMailClient.connect(http.baseUri()).awaitMessage(subject("client"));
    assertThat(remote.authentication()).isEqualTo(local.authentication());
    assertThat(remote.authentication().spf().result()).isEqualTo(Authentication.Result.PASS);
  }

  @Test
  void dkimKeyEndpointPublishesAKeyThatSignsToAPass() throws Exception {
    HttpResponse<byte[]> res = api.postJson("api/v1/dns/dkim-keys", "{\"domain\":\"shop.test\",\"selector\":\"s1\"}");
    assertThat(res.statusCode()).isEqualTo(201);
    JsonNode key = Api.json(res);
    assertThat(key.get("name").asText()).isEqualTo("s1._domainkey.shop.test");
    assertThat(key.get("privateKeyPem").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(mail.dns().records("s1._domainkey.shop.test")).singleElement()
        .satisfies(r -> assertThat(r.value()).isEqualTo(key.get("record").asText()));

    String pem = key.get("privateKeyPem").asText();
    java.security.PrivateKey pk = java.security.KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec
        .PKCS8EncodedKeySpec(java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
    String raw = "From: news@shop.test\r\nTo: bob@example.test\r\nSubject: signed over rest\r\n\r\nhello\r\n";
    String sig = new org.apache.james.jdkim.DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=shop.test; s=s1; "
        + "h=from:to:subject; bh=; b=;", pk).sign(new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    smtp.raw("news@shop.test", "bob@example.test", sig + "\r\n" + raw);
    assertThat(mail.awaitMessage(subject("signed over rest")).authentication().dkimPassesFor("shop.test")).isTrue();

    assertThat(api.postJson("api/v1/dns/dkim-keys", "{\"domain\":\"shop.test\"}").statusCode()).isEqualTo(400);
  }
}
