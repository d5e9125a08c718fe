package dev.fakemail.inspector.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import dev.fakemail.core.Authentication;
import dev.fakemail.core.DkimKey;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.FakeMailHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sender authentication of provider sends, judged as a receiver judges the message the provider
 * relays: SPF is {@code none} (the receiver sees the provider's servers and return path, not the
 * SDK's client), DKIM passes when the provider signs with the sender's domain key (the server's
 * {@code dkimSigning} key stands for the provider's domain authentication), and DMARC follows DKIM
 * alignment: pass when signed, fail under the domain's policy when not.
 */
@Timeout(60)
class ProviderAuthenticationIT {

  private static Response send(FakeMailHttpServer http, String from) throws Exception {
    SendGrid sg = new SendGrid("SG.id.secret", true);
    sg.setHost(http.host() + ":" + http.port());
    sg.setRateLimitRetry(0);
    Request r = new Request();
    r.setMethod(Method.POST);
    r.setEndpoint("mail/send");
    r.setBody(new Mail(new Email(from), "signed?", new Email("bob@far.test"), new Content("text/plain", "body")).build());
    return sg.api(r);
  }

  @Test
  void signedWithTheDomainKeyPassesDkimAndDmarcWhileSpfIsNone() throws Exception {
    DkimKey key = DkimKey.generate("corp.test", "s1");
    try (FakeMailServer mail = FakeMailServer.builder().dkimSigning(key).start();
         FakeMailHttpServer http = FakeMailHttpServer.builder(mail).start()) {
      mail.dns().spf("corp.test", "v=spf1 ip4:192.0.2.25 -all").dmarc("corp.test", "v=DMARC1; p=reject")
          .txt(key.recordName(), key.publicKeyRecord());
      assertThat(send(http, "alice@corp.test").getStatusCode()).isEqualTo(202);
      ReceivedMessage m = mail.awaitMessage(MessageFilter.any());
      Authentication auth = m.authentication();
      assertThat(auth.spf().result()).isEqualTo(Authentication.Result.NONE);
      assertThat(auth.spf().reason()).contains("sendgrid API");
      assertThat(auth.dkimPassesFor("corp.test")).isTrue();
      assertThat(auth.dmarc().result()).isEqualTo(Authentication.Result.PASS);
      assertThat(m.header("DKIM-Signature")).singleElement().asString().contains("d=corp.test");
    }
  }

  @Test
  void unsignedFailsDmarcUnderThePolicyAndEnforcementRefusesItForGood() throws Exception {
    try (FakeMailServer mail = FakeMailServer.builder().start();
         FakeMailHttpServer http = FakeMailHttpServer.builder(mail).start()) {
      mail.dns().dmarc("corp.test", "v=DMARC1; p=reject");
      assertThat(send(http, "alice@corp.test").getStatusCode()).isEqualTo(202);
      Authentication auth = mail.awaitMessage(MessageFilter.any()).authentication();
      assertThat(auth.dkim()).isEmpty();
      assertThat(auth.dmarc().result()).isEqualTo(Authentication.Result.FAIL);
    }
    try (FakeMailServer mail = FakeMailServer.builder().enforce("dmarc").start();
         FakeMailHttpServer http = FakeMailHttpServer.builder(mail).start()) {
      mail.dns().dmarc("corp.test", "v=DMARC1; p=reject");
      Response r = send(http, "alice@corp.test");
      assertThat(r.getStatusCode()).isEqualTo(400);
      assertThat(r.getBody()).contains("message rejected").contains("DMARC");
      assertThat(r.getHeaders()).doesNotContainKey("Retry-After");
      assertThat(mail.messages()).isEmpty();
    }
  }
}
