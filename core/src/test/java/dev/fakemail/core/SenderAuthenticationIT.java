package dev.fakemail.core;

import static dev.fakemail.core.MessageFilter.subject;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Authentication.Result;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/** SPF, DKIM and DMARC verdicts on mail signed by signers nobody here wrote (jDKIM's, Simple Java Mail's). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SenderAuthenticationIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final FakeMailServer server = FakeMailServer.builder().hostname("mx.inbound.test").start();

  @AfterEach
  void close() {
    server.close();
  }

  static String message(String from, String subject, String body) {
    return "From: " + from + "\r\nTo: bob@inbound.test\r\nSubject: " + subject
        + "\r\nDate: Thu, 3 Dec 2026 08:00:00 +0000\r\nMessage-ID: <" + Math.abs(subject.hashCode())
        + "@shop.test>\r\n\r\n" + body;
  }

  /** A jDKIM signature ({@code c=relaxed/relaxed} unless given) in front of the message. */
  static String jdkimSigned(DkimKey key, String canon, String raw, String extraTags) throws Exception {
    DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=" + canon + "; d=" + key.domain() + "; s=" + key.selector()
        + "; h=from:to:subject:date:message-id; " + extraTags + "bh=; b=;", key.privateKey());
    String header = signer.sign(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    return header + "\r\n" + raw;
  }

  private ReceivedMessage send(String mailFrom, String raw) throws IOException {
    String subj = raw.substring(raw.indexOf("Subject: ") + 9, raw.indexOf("\r\n", raw.indexOf("Subject: ")));
    SMTPClient c = new SMTPClient();
    c.connect(server.host(), server.smtpPort());
    try {
      c.login("client.shop.test");
      assertThat(c.sendSimpleMessage(mailFrom, "bob@inbound.test", raw)).as("sent: %s", c.getReplyString()).isTrue();
      c.logout();
    } finally {
      c.disconnect();
    }
    return server.awaitMessage(subject(subj), WAIT);
  }

  @Test
  void unsignedMailWithoutRecordsIsNoneEverywhere() throws Exception {
    Authentication a = send("alice@shop.test", message("alice@shop.test", "plain", "hi\r\n")).authentication();
    assertThat(a.spf().result()).isEqualTo(Result.NONE);
    assertThat(a.dkim()).isEmpty();
    assertThat(a.dkimResult()).isEqualTo(Result.NONE);
    assertThat(a.dmarc().result()).isEqualTo(Result.NONE);
    assertThat(a.spf().property("smtp.mailfrom")).isEqualTo("alice@shop.test");
  }

  @Test
  void jdkimSignatureWithPublishedKeyPassesDkimAndDmarc() throws Exception {
    DkimKey key = server.dns().dkimKey("shop.test", "s1");
    server.dns().dmarc("shop.test", "v=DMARC1; p=reject");
    for (String canon : new String[] {"relaxed/relaxed", "simple/simple", "relaxed/simple", "simple/relaxed"}) {
      String raw = jdkimSigned(key, canon, message("Shop <news@shop.test>", "signed " + canon, "Hello  there\r\n\r\n"), "");
      Authentication a = send("bounce@other.test", raw).authentication();
      assertThat(a.dkim()).as(canon).hasSize(1);
      assertThat(a.dkim().get(0).result()).as(canon + ": %s", a.dkim().get(0)).isEqualTo(Result.PASS);
      assertThat(a.dkimPassesFor("shop.test")).isTrue();
      assertThat(a.dkim().get(0).property("header.s")).isEqualTo("s1");
      assertThat(a.dmarc().result()).as("%s", a.dmarc()).isEqualTo(Result.PASS);
    }
  }

  @Test
  void simpleJavaMailSignaturePasses() throws Exception {
    DkimKey key = server.dns().dkimKey("shop.test", "sjm");
    MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
    mime.setFrom(new InternetAddress("news@shop.test"));
    mime.setRecipients(jakarta.mail.Message.RecipientType.TO, "bob@inbound.test");
    mime.setSubject("sjm signed");
    mime.setText("Hello from Simple Java Mail\n");
    DkimSigner signer = new DkimSigner("shop.test", "sjm", (RSAPrivateKey) key.privateKey());
    signer.setCheckDomainKey(false); // it would ask the real DNS
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DkimMessage(mime, signer).writeTo(out);
    Authentication a = send("news@shop.test", out.toString(StandardCharsets.UTF_8)).authentication();
    assertThat(a.dkimResult()).as("%s", a.dkim()).isEqualTo(Result.PASS);
    assertThat(a.dkimPassesFor("shop.test")).isTrue();
  }

  @Test
  void alteredBodyAlteredHeaderWrongKeyAndMissingKeyFail() throws Exception {
    DkimKey key = server.dns().dkimKey("shop.test", "s1");
    DkimKey other = DkimKey.generate("shop.test", "s1");
    String raw = jdkimSigned(key, "relaxed/relaxed", message("news@shop.test", "altered body", "original\r\n"), "");
    Authentication body = send("news@shop.test", raw.replace("original", "changed")).authentication();
    assertThat(body.dkimResult()).as("%s", body.dkim()).isEqualTo(Result.FAIL);
    assertThat(body.dkim().get(0).reason()).containsIgnoringCase("body");

    String raw2 = jdkimSigned(key, "relaxed/relaxed", message("news@shop.test", "altered header", "x\r\n"), "");
    Authentication header = send("news@shop.test", raw2.replace("Subject: altered header", "Subject: altered header!"))
        .authentication();
    assertThat(header.dkimResult()).as("%s", header.dkim()).isEqualTo(Result.FAIL);

    String wrong = jdkimSigned(other, "relaxed/relaxed", message("news@shop.test", "wrong key", "x\r\n"), "");
    assertThat(send("news@shop.test", wrong).authentication().dkimResult()).isEqualTo(Result.FAIL);

    String missing = jdkimSigned(DkimKey.generate("shop.test", "nokey"), "relaxed/relaxed",
        message("news@shop.test", "missing key", "x\r\n"), "");
    Authentication m = send("news@shop.test", missing).authentication();
    assertThat(m.dkimResult()).isEqualTo(Result.FAIL); // jDKIM's verdict, and dkimpy's
    assertThat(m.dkim().get(0).reason()).contains("no key");

  }

  @Test
  void lengthLimitedSignatureSurvivesAMailingListFooter() throws Exception {
    DkimKey key = server.dns().dkimKey("shop.test", "s1");
    String body = "the post\r\n";
    String raw = jdkimSigned(key, "relaxed/relaxed", message("news@shop.test", "list footer", body), "l=" + body.length() + "; ");
    Authentication a = send("list-bounces@lists.test", raw + "--\r\nlist footer\r\n").authentication();
    assertThat(a.dkimResult()).as("%s", a.dkim()).isEqualTo(Result.PASS);
  }

  @Test
  void multipleSignaturesAreEachJudged() throws Exception {
    DkimKey shop = server.dns().dkimKey("shop.test", "s1");
    DkimKey esp = server.dns().dkimKey("esp.test", "e1");
    String raw = jdkimSigned(esp, "relaxed/relaxed", jdkimSigned(shop, "relaxed/relaxed",
        message("news@shop.test", "two signatures", "x\r\n"), ""), "");
    Authentication a = send("news@shop.test", raw).authentication();
    assertThat(a.dkim()).extracting(Authentication.Check::result).containsExactly(Result.PASS, Result.PASS);
    assertThat(a.dkim()).extracting(c -> c.property("header.d")).containsExactlyInAnyOrder("shop.test", "esp.test");
  }

  /**
   * {@code x=} and {@code t=} are judged against {@code clock()}, not the real clock: a signature
   * that expires in 10 minutes passes now and fails (RFC 6376 §3.5, §6.1.1) once the clock has been
   * moved 11 minutes on; one stamped an hour ahead (a signer whose clock is fast) fails until the
   * clock has passed its time, then passes.
   */
  @Test
  void signatureTimesAreJudgedAgainstTheSimulatedClock() throws Exception {
    DkimKey key = server.dns().dkimKey("shop.test", "s1");
    server.dns().dmarc("shop.test", "v=DMARC1; p=reject");
    long now = server.clock().instant().getEpochSecond();
    String times = "t=" + now + "; x=" + (now + 600) + "; ";
    String early = jdkimSigned(key, "relaxed/relaxed", message("news@shop.test", "expiring early", "x\r\n"), times);
    String late = jdkimSigned(key, "relaxed/relaxed", message("news@shop.test", "expiring late", "x\r\n"), times);
    String ahead = "t=" + (now + 3600) + "; ";
    String stampedEarly = jdkimSigned(key, "relaxed/relaxed", message("news@shop.test", "stamped ahead early", "x\r\n"), ahead);
    String stampedLate = jdkimSigned(key, "relaxed/relaxed", message("news@shop.test", "stamped ahead late", "x\r\n"), ahead);
    assertThat(early).contains("x=" + (now + 600)).contains("t=" + now);
    assertThat(stampedEarly).contains("t=" + (now + 3600));

    Authentication fresh = send("news@shop.test", early).authentication();
    assertThat(fresh.dkimResult()).as("%s", fresh.dkim()).isEqualTo(Result.PASS);
    assertThat(fresh.dmarc().result()).isEqualTo(Result.PASS);
    Authentication future = send("news@shop.test", stampedEarly).authentication();
    assertThat(future.dkimResult()).as("%s", future.dkim()).isEqualTo(Result.FAIL);
    assertThat(future.dkim().get(0).reason()).contains("future");

    server.clock().advance(Duration.ofMinutes(11));
    Authentication expired = send("news@shop.test", late).authentication();
    assertThat(expired.dkimResult()).as("%s", expired.dkim()).isEqualTo(Result.FAIL);
    assertThat(expired.dkim().get(0).reason()).contains("expired");
    assertThat(expired.dmarc().result()).isEqualTo(Result.FAIL);
    assertThat(expired.headerValue("mx.inbound.test")).contains("dkim=fail");

    server.clock().advance(Duration.ofMinutes(50));
    Authentication due = send("news@shop.test", stampedLate).authentication();
    assertThat(due.dkimResult()).as("%s", due.dkim()).isEqualTo(Result.PASS);
  }

  @Test
  void moreThanTenSignaturesAreNotJudged() throws Exception {
    DkimKey shop = server.dns().dkimKey("shop.test", "s1");
    String raw = message("news@shop.test", "eleven signatures", "x\r\n");
    for (int i = 0; i < 11; i++) {
      raw = jdkimSigned(shop, "relaxed/relaxed", raw, "");
    }
    Authentication a = send("news@shop.test", raw).authentication();
    assertThat(a.dkimResult()).isEqualTo(Result.PERMERROR);
    assertThat(a.dkim().get(0).reason()).contains("11 DKIM signatures");
  }

  @Test
  void spfJudgesTheConnectingAddress() throws Exception {
    server.dns().spf("shop.test", "v=spf1 ip4:127.0.0.1 -all");
    server.dns().spf("elsewhere.test", "v=spf1 ip4:192.0.2.1 -all");
    server.dns().spf("soft.test", "v=spf1 ip4:192.0.2.1 ~all");
    server.dns().txt("broken.test", "v=spf1 include:nowhere.test -all");
    assertThat(send("a@shop.test", message("a@shop.test", "spf pass", "x\r\n")).authentication().spf().result())
        .isEqualTo(Result.PASS);
    Authentication fail = send("a@elsewhere.test", message("a@elsewhere.test", "spf fail", "x\r\n")).authentication();
    assertThat(fail.spf().result()).isEqualTo(Result.FAIL);
    assertThat(fail.spf().reason()).contains("127.0.0.1");
    assertThat(send("a@soft.test", message("a@soft.test", "spf soft", "x\r\n")).authentication().spf().result())
        .isEqualTo(Result.SOFTFAIL);
    assertThat(send("a@broken.test", message("a@broken.test", "spf perm", "x\r\n")).authentication().spf().result())
        .isEqualTo(Result.PERMERROR);
  }

  @Test
  void dmarcAlignmentPolicyAndSubdomainPolicy() throws Exception {
    server.dns().spf("shop.test", "v=spf1 ip4:127.0.0.1 -all");
    server.dns().dmarc("shop.test", "v=DMARC1; p=reject; sp=quarantine");
    // SPF passes for bounces.shop.test, aligned with shop.test in relaxed mode
    server.dns().spf("bounces.shop.test", "v=spf1 ip4:127.0.0.1 -all");
    Authentication relaxed = send("b@bounces.shop.test", message("news@shop.test", "relaxed", "x\r\n")).authentication();
    assertThat(relaxed.dmarc().result()).as("%s %s", relaxed.spf(), relaxed.dmarc()).isEqualTo(Result.PASS);

    server.dns().dmarc("strict.test", "v=DMARC1; p=reject; aspf=s");
    server.dns().spf("b.strict.test", "v=spf1 ip4:127.0.0.1 -all");
    Authentication strict = send("x@b.strict.test", message("news@strict.test", "strict", "x\r\n")).authentication();
    assertThat(strict.spf().result()).isEqualTo(Result.PASS);
    assertThat(strict.dmarc().result()).isEqualTo(Result.FAIL);
    assertThat(strict.dmarc().property("policy.dmarc")).isEqualTo("reject");

    // a forwarded message: the forwarder's address fails the author's SPF, nothing is signed
    Authentication forwarded = send("news@shop.test", message("news@shop.test", "forwarded", "x\r\n"))
        .authentication();
    assertThat(forwarded.dmarc().result()).isEqualTo(Result.PASS);
    server.dns().spf("shop.test", "v=spf1 ip4:192.0.2.1 -all");
    Authentication fw = send("news@shop.test", message("news@shop.test", "forwarded 2", "x\r\n")).authentication();
    assertThat(fw.dmarc().result()).isEqualTo(Result.FAIL);
    assertThat(fw.dmarc().property("policy.dmarc")).isEqualTo("reject");

    // a subdomain without a record of its own gets sp=
    Authentication sub = send("x@other.test", message("news@eu.shop.test", "subdomain", "x\r\n")).authentication();
    assertThat(sub.dmarc().result()).isEqualTo(Result.FAIL);
    assertThat(sub.dmarc().property("policy.dmarc")).isEqualTo("quarantine");

    server.dns().dmarc("sampled.test", "v=DMARC1; p=reject; pct=0");
    Authentication none = send("x@other.test", message("news@sampled.test", "pct zero", "x\r\n")).authentication();
    assertThat(none.dmarc().result()).isEqualTo(Result.FAIL);
    assertThat(none.dmarc().property("policy.dmarc")).isEqualTo("quarantine");
  }

  @Test
  void multipleFromAddressesFailWhenAnyAuthorFails() throws Exception {
    DkimKey key = server.dns().dkimKey("shop.test", "s1");
    server.dns().dmarc("shop.test", "v=DMARC1; p=none");
    server.dns().dmarc("bank.test", "v=DMARC1; p=reject");
    String raw = jdkimSigned(key, "relaxed/relaxed", message("news@shop.test, ceo@bank.test", "two authors", "x\r\n"), "");
    Authentication a = send("news@shop.test", raw).authentication();
    assertThat(a.dkimResult()).isEqualTo(Result.PASS);
    assertThat(a.dmarc().result()).isEqualTo(Result.FAIL);
    assertThat(a.dmarc().property("header.from")).isEqualTo("bank.test");
  }

  @Test
  void authenticationResultsHeaderIsInFrontOfWhatPop3AndImapDeliver() throws Exception {
    server.dns().spf("shop.test", "v=spf1 ip4:127.0.0.1 -all");
    ReceivedMessage m = send("a@shop.test", message("a@shop.test", "header", "x\r\n"));
    String delivered = new String(dev.fakemail.core.internal.mailbox.MailContent.delivered(m, "bob@inbound.test",
        "mx.inbound.test").bytes(), StandardCharsets.UTF_8);
    assertThat(delivered).startsWith("Return-Path: <a@shop.test>\r\nAuthentication-Results: mx.inbound.test;\r\n\tdkim=none;\r\n"
        + "\tspf=pass (domain of a@shop.test designates 127.0.0.1 as permitted sender) smtp.mailfrom=a@shop.test;\r\n"
        + "\tdmarc=none");
    assertThat(m.rawString()).doesNotContain("Authentication-Results");
  }
}
