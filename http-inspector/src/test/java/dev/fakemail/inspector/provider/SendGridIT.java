package dev.fakemail.inspector.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Attachments;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import com.sendgrid.helpers.mail.objects.MailSettings;
import com.sendgrid.helpers.mail.objects.Personalization;
import com.sendgrid.helpers.mail.objects.Setting;
import dev.fakemail.core.Attachment;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Faults;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.FakeMailHttpServer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SendGrid v3 mail send through the official {@code sendgrid-java} SDK, pointed at fakemail by host only. */
@Timeout(60)
class SendGridIT {
  private static final String KEY = "SG.keyid123.secretpart456";
  private FakeMailServer mail;
  private FakeMailHttpServer http;

  @BeforeEach
  void start() {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.builder(mail).providerKey("sendgrid", KEY).start();
  }

  @AfterEach
  void stop() {
    http.close();
    mail.close();
  }

  private SendGrid sdk(String key) {
    SendGrid sg = new SendGrid(key, true); // test mode: http
    sg.setHost(http.host() + ":" + http.port());
    sg.setRateLimitRetry(0);
    return sg;
  }

  private static Response send(SendGrid sg, Mail m) throws Exception {
    Request request = new Request();
    request.setMethod(Method.POST);
    request.setEndpoint("mail/send");
    request.setBody(m.build());
    return sg.api(request);
  }

  @Test
  void personalizationsBecomeMessagesWithBccOnlyInTheEnvelope() throws Exception {
    byte[] pdf = new byte[3000];
    for (int i = 0; i < pdf.length; i++) {
      pdf[i] = (byte) (i * 31);
    }
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
    Mail m = new Mail();
    m.setFrom(new Email("app@example.test", "Ünïcode App"));
    m.setSubject("Hello -name-");
    m.addContent(new Content("text/plain", "Hi -name-"));
    m.addContent(new Content("text/html", "<p>Hi -name- <img src=\"cid:logo\"></p>"));
    Personalization p1 = new Personalization();
    p1.addTo(new Email("alice@example.test", "Alice"));
    p1.addCc(new Email("carol@example.test"));
    p1.addBcc(new Email("audit@example.test"));
    p1.addSubstitution("-name-", "Alice");
    p1.addHeader("X-Campaign", "spring");
    m.addPersonalization(p1);
    Personalization p2 = new Personalization();
    p2.addTo(new Email("bob@example.test"));
    p2.addSubstitution("-name-", "Bob");
    p2.setSubject("Own subject -name-");
    m.addPersonalization(p2);
    Attachments a = new Attachments();
    a.setContent(Base64.getEncoder().encodeToString(pdf));
    a.setType("application/pdf");
    a.setFilename("report.pdf");
    a.setDisposition("attachment");
    m.addAttachments(a);
    Attachments logo = new Attachments();
    logo.setContent(Base64.getEncoder().encodeToString(png));
    logo.setType("image/png");
    logo.setFilename("logo.png");
    logo.setDisposition("inline");
    logo.setContentId("logo");
    m.addAttachments(logo);
    m.addCategory("welcome");
    m.addCustomArg("user", "42");

    Response r = send(sdk(KEY), m);
    assertThat(r.getStatusCode()).isEqualTo(202);
    String xid = r.getHeaders().get("X-Message-Id");
    assertThat(xid).isNotBlank();

    List<ReceivedMessage> got = mail.awaitMessages(MessageFilter.any(), 2, Duration.ofSeconds(10));
    ReceivedMessage alice = got.stream().filter(x -> x.isFor("alice@example.test")).findFirst().orElseThrow();
    assertThat(alice.subject()).isEqualTo("Hello Alice");
    assertThat(alice.text()).isEqualTo("Hi Alice");
    assertThat(alice.html()).contains("Hi Alice");
    assertThat(alice.envelope().from()).isEqualTo("app@example.test");
    assertThat(alice.envelope().recipientAddresses()).containsExactly("alice@example.test", "carol@example.test", "audit@example.test");
    assertThat(alice.header("Bcc")).isEmpty();
    assertThat(alice.header("X-Campaign")).containsExactly("spring");
    assertThat(alice.header("From").get(0)).startsWith("=?UTF-8?");
    assertThat(alice.from().get(0).toString()).contains("app@example.test");
    assertThat(alice.header("X-SMTPAPI").get(0)).contains("\"welcome\"").contains("\"user\":\"42\"");
    assertThat(alice.session().provider()).isEqualTo("sendgrid");
    assertThat(alice.session().listener()).isEqualTo(Listener.SUBMISSION);
    assertThat(alice.session().authUser()).isEqualTo("SG.keyid123");
    assertThat(alice.rawString()).doesNotContain("secretpart456");
    assertThat(alice.header("X-FakeMail-Provider-Message-Id").get(0)).startsWith(xid);
    assertThat(alice.session().sessionId()).startsWith(xid);
    Attachment report = alice.attachments().stream().filter(x -> "report.pdf".equals(x.filename())).findFirst().orElseThrow();
    assertThat(report.content()).isEqualTo(pdf);
    assertThat(report.contentType()).startsWith("application/pdf");
    Attachment inline = alice.attachments().stream().filter(x -> "logo.png".equals(x.filename())).findFirst().orElseThrow();
    assertThat(inline.content()).isEqualTo(png);
    assertThat(inline.inline()).isTrue();
    assertThat(inline.contentId()).contains("logo");
    assertThat(alice.rawString()).contains("multipart/mixed").contains("multipart/related").contains("multipart/alternative");

    java.net.http.HttpClient rest = java.net.http.HttpClient.newHttpClient();
    String viaSendGrid = rest.send(java.net.http.HttpRequest.newBuilder(http.baseUri().resolve("/api/v1/messages?provider=sendgrid")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertThat(viaSendGrid).contains("\"total\":2");
    String viaSmtp = rest.send(java.net.http.HttpRequest.newBuilder(http.baseUri().resolve("/api/v1/messages?provider=smtp")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertThat(viaSmtp).contains("\"total\":0");
    String one = rest.send(java.net.http.HttpRequest.newBuilder(http.baseUri().resolve("/api/v1/messages/" + alice.id())).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertThat(one).contains("\"provider\":\"sendgrid\"").contains("\"authUser\":\"SG.keyid123\"");

    ReceivedMessage bob = got.stream().filter(x -> x.isFor("bob@example.test")).findFirst().orElseThrow();
    assertThat(bob.subject()).isEqualTo("Own subject Bob");
    assertThat(bob.envelope().recipientAddresses()).containsExactly("bob@example.test");
  }

  @Test
  void wrongKeyIsRefusedAsSendGridDoesAndNothingIsStored() throws Exception {
    Response r = send(sdk("SG.other.key"), simple());
    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(r.getBody()).contains("\"errors\"").contains("authorization grant is invalid");
    assertThat(mail.messages()).isEmpty();
  }

  @Test
  void badRequestsGetSendGridErrorsAndNothingIsStored() throws Exception {
    Mail noFrom = simple();
    noFrom.setFrom(null);
    Response r = send(sdk(KEY), noFrom);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(r.getBody()).contains("\"field\":\"from.email\"").contains("\"help\"");

    Mail noSubject = simple();
    noSubject.setSubject(null);
    r = send(sdk(KEY), noSubject);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(r.getBody()).contains("\"field\":\"subject\"");

    Mail badAddress = simple();
    badAddress.getPersonalization().get(0).getTos().get(0).setEmail("not an address");
    r = send(sdk(KEY), badAddress);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(r.getBody()).contains("personalizations.0.to.0.email");

    Mail tooMany = simple();
    for (int i = 0; i < 1000; i++) {
      tooMany.getPersonalization().get(0).addBcc(new Email("r" + i + "@example.test"));
    }
    r = send(sdk(KEY), tooMany);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(r.getBody()).contains("no more than 1000");

    Mail noContent = new Mail(new Email("app@example.test"), "s", new Email("a@example.test"), new Content("text/plain", "x"));
    noContent.getContent().clear();
    r = send(sdk(KEY), noContent);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(r.getBody()).contains("\"field\":\"content\"");
    assertThat(mail.messages()).isEmpty();
  }

  @Test
  void sandboxModeValidatesWithoutStoring() throws Exception {
    Mail m = simple();
    MailSettings settings = new MailSettings();
    Setting on = new Setting();
    on.setEnable(true);
    settings.setSandboxMode(on);
    m.setMailSettings(settings);
    Response r = send(sdk(KEY), m);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(mail.messages()).isEmpty();
  }

  @Test
  void apiFaultPresetsAnswerAsTheProviderWould() throws Exception {
    mail.faults().add(Faults.apiRateLimited(Duration.ofSeconds(7)).provider("sendgrid").times(1));
    Response r = send(sdk(KEY), simple());
    assertThat(r.getStatusCode()).isEqualTo(429);
    assertThat(r.getHeaders().get("Retry-After")).isEqualTo("7");
    assertThat(r.getBody()).contains("\"errors\"");
    assertThat(mail.messages()).isEmpty();

    mail.faults().add(Faults.apiUnavailable().times(1));
    r = send(sdk(KEY), simple());
    assertThat(r.getStatusCode()).isEqualTo(503);

    r = send(sdk(KEY), simple());
    assertThat(r.getStatusCode()).isEqualTo(202);
    assertThat(mail.awaitMessage(MessageFilter.any()).session().provider()).isEqualTo("sendgrid");
  }

  @Test
  void dynamicTemplateCreatedThroughTheTemplateApiIsRenderedPerPersonalization() throws Exception {
    SendGrid sg = sdk(KEY);
    Request create = new Request();
    create.setMethod(Method.POST);
    create.setEndpoint("templates");
    create.setBody("{\"name\":\"receipt\",\"generation\":\"dynamic\"}");
    Response created = sg.api(create);
    assertThat(created.getStatusCode()).isEqualTo(201);
    String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.getBody()).path("id").asText();
    assertThat(id).matches("d-[0-9a-f]{32}");
    Request version = new Request();
    version.setMethod(Method.POST);
    version.setEndpoint("templates/" + id + "/versions");
    version.setBody("""
        {"name":"v1","active":1,"subject":"Receipt for {{{name}}}",
         "html_content":"<p>Hi {{name}}</p><ul>{{#each items}}<li>{{this.title}}: {{this.price}}</li>{{/each}}</ul>{{#if vip}}<b>VIP</b>{{/if}}",
         "plain_content":"Hi {{{name}}}, {{items.length}} items"}
        """);
    assertThat(sg.api(version).getStatusCode()).isEqualTo(201);

    Mail m = new Mail();
    m.setFrom(new Email("shop@example.test"));
    m.setTemplateId(id);
    Personalization p1 = new Personalization();
    p1.addTo(new Email("alice@example.test"));
    p1.addDynamicTemplateData("name", "Alice & Bob");
    p1.addDynamicTemplateData("items", List.of(java.util.Map.of("title", "Tea", "price", "3.50"),
        java.util.Map.of("title", "<Cake>", "price", "4.00")));
    p1.addDynamicTemplateData("vip", true);
    m.addPersonalization(p1);
    Personalization p2 = new Personalization();
    p2.addTo(new Email("carl@example.test"));
    p2.addDynamicTemplateData("name", "Carl");
    p2.addDynamicTemplateData("items", List.of());
    m.addPersonalization(p2);
    assertThat(send(sg, m).getStatusCode()).isEqualTo(202);

    ReceivedMessage alice = mail.awaitMessage(MessageFilter.to("alice@example.test"));
    assertThat(alice.subject()).isEqualTo("Receipt for Alice & Bob");
    assertThat(alice.html()).isEqualTo("<p>Hi Alice &amp; Bob</p><ul><li>Tea: 3.50</li><li>&lt;Cake&gt;: 4.00</li></ul><b>VIP</b>");
    assertThat(alice.text()).isEqualTo("Hi Alice & Bob, 2 items");
    ReceivedMessage carl = mail.awaitMessage(MessageFilter.to("carl@example.test"));
    assertThat(carl.subject()).isEqualTo("Receipt for Carl");
    assertThat(carl.html()).isEqualTo("<p>Hi Carl</p><ul></ul>");

    Mail unknown = simple();
    unknown.setTemplateId("d-00000000000000000000000000000000");
    Response r = send(sg, unknown);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(r.getBody()).contains("\"field\":\"template_id\"");
    Request noSuch = new Request();
    noSuch.setMethod(Method.POST);
    noSuch.setEndpoint("templates/d-ffffffffffffffffffffffffffffffff/versions");
    noSuch.setBody("{\"name\":\"v\",\"subject\":\"s\"}");
    assertThat(sg.api(noSuch).getStatusCode()).isEqualTo(404);
    Request broken = new Request();
    broken.setMethod(Method.POST);
    broken.setEndpoint("templates/" + id + "/versions");
    broken.setBody("{\"name\":\"v2\",\"subject\":\"s\",\"html_content\":\"{{#each items}}never closed\"}");
    Response refused = sg.api(broken);
    assertThat(refused.getStatusCode()).isEqualTo(400);
    assertThat(refused.getBody()).contains("does not compile");
    assertThat(mail.messages()).hasSize(2);
  }

  @Test
  void servedUnderTheProviderPrefixToo() throws Exception {
    SendGrid sg = sdk(KEY);
    sg.setVersion("provider/sendgrid/v3");
    Response r = send(sg, simple());
    assertThat(r.getStatusCode()).isEqualTo(202);
    assertThat(mail.awaitMessage(MessageFilter.any()).subject()).isEqualTo("plain");
  }

  private static Mail simple() {
    return new Mail(new Email("app@example.test"), "plain", new Email("a@example.test"), new Content("text/plain", "body"));
  }
}
