package dev.fakemail.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Authentication;
import dev.fakemail.core.DkimKey;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.support.ExternalProgram;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * fakemail's SPF and DKIM verdicts against independent ones: dkimpy (Debian python3-dkim) signs part
 * of a corpus and verifies all of it, pyspf (python3-spf) checks SPF, both asking the simulated DNS
 * over its UDP port; they must agree with fakemail on every message. The corpus has forwarded mail,
 * a mailing-list footer, several From addresses, a subdomain, a null sender, altered and unsigned mail.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SenderAuthenticationCrossCheckIT {
  private static final String HELO = "client.shop.test";

  @TempDir
  Path dir;

  FakeMailServer server;
  String python;

  @BeforeEach
  void start() throws Exception {
    // python3-dkim's interpreter is the one with the modules
    python = ExternalProgram.pythonOf("dkimverify", "dkim, spf, dns.resolver", "python3-spf (and dnspython)", dir);
    server = FakeMailServer.builder().hostname("mx.inbound.test").dnsPort(0).start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String message(String from, String subject, String body) {
    return "From: " + from + "\r\nTo: bob@inbound.test\r\nSubject: " + subject + "\r\nDate: Thu, 3 Dec 2026 08:00:00 +0000"
        + "\r\nMessage-ID: <" + Math.abs(subject.hashCode()) + "@shop.test>\r\n\r\n" + body;
  }

  private record Case(String id, String mailFrom, String raw) {}

  @Test
  void dkimpyAndPyspfReachTheSameVerdictsAsFakemail() throws Exception {
    DkimKey key = server.dns().dkimKey("shop.test", "s1");
    DkimKey unpublished = DkimKey.generate("shop.test", "s1");
    DkimKey gone = DkimKey.generate("shop.test", "gone");
    Path keyFile = write("s1.pem", key.privateKeyPem());
    Path wrongFile = write("wrong.pem", unpublished.privateKeyPem());
    Path goneFile = write("gone.pem", gone.privateKeyPem());
    server.dns().spf("shop.test", "v=spf1 ip4:127.0.0.1 -all");
    server.dns().spf(HELO, "v=spf1 ip4:127.0.0.1 -all");
    server.dns().spf("forwarder.test", "v=spf1 ip4:192.0.2.1 -all");
    server.dns().spf("soft.test", "v=spf1 ip4:192.0.2.1 ~all");
    server.dns().spf("neutral.test", "v=spf1 ?all");
    server.dns().txt("perm.test", "v=spf1 include:nowhere.test -all");
    server.dns().dmarc("shop.test", "v=DMARC1; p=reject");

    // 1. dkimpy signs its part of the corpus
    Map<String, String> toSign = new LinkedHashMap<>();
    toSign.put("dkimpy-relaxed", sign("dkimpy-relaxed", keyFile, "s1", "relaxed/relaxed", false));
    toSign.put("dkimpy-simple", sign("dkimpy-simple", keyFile, "s1", "simple/simple", false));
    toSign.put("dkimpy-body-altered", sign("dkimpy-body-altered", keyFile, "s1", "relaxed/simple", false));
    toSign.put("dkimpy-header-altered", sign("dkimpy-header-altered", keyFile, "s1", "relaxed/relaxed", false));
    toSign.put("dkimpy-wrong-key", sign("dkimpy-wrong-key", wrongFile, "s1", "relaxed/simple", false));
    toSign.put("dkimpy-missing-key", sign("dkimpy-missing-key", goneFile, "gone", "relaxed/simple", false));
    toSign.put("dkimpy-list-footer", sign("dkimpy-list-footer", keyFile, "s1", "relaxed/simple", true));
    toSign.put("forwarded", sign("forwarded", keyFile, "s1", "relaxed/relaxed", false));
    toSign.put("multi-from", sign("multi-from", keyFile, "s1", "relaxed/relaxed", false));
    StringBuilder signCases = new StringBuilder("[");
    for (String c : toSign.values()) {
      signCases.append(signCases.length() > 1 ? "," : "").append(c);
    }
    runPython(signCases.append(']').toString());

    List<Case> corpus = new ArrayList<>();
    corpus.add(new Case("unsigned", "alice@shop.test", message("alice@shop.test", "unsigned", "hello\r\n")));
    corpus.add(new Case("dkimpy-relaxed", "news@shop.test", signed("dkimpy-relaxed")));
    corpus.add(new Case("dkimpy-simple", "news@shop.test", signed("dkimpy-simple")));
    corpus.add(new Case("dkimpy-body-altered", "news@shop.test", signed("dkimpy-body-altered").replace("original", "0riginal")));
    corpus.add(new Case("dkimpy-header-altered", "news@shop.test",
        signed("dkimpy-header-altered").replace("Subject: dkimpy-header-altered", "Subject: dkimpy-header-altered!")));
    corpus.add(new Case("dkimpy-wrong-key", "news@shop.test", signed("dkimpy-wrong-key")));
    corpus.add(new Case("dkimpy-missing-key", "news@shop.test", signed("dkimpy-missing-key")));
    corpus.add(new Case("dkimpy-list-footer", "list-bounces@shop.test",
        signed("dkimpy-list-footer") + "-- \r\nlist footer: unsubscribe at https://lists.test/\r\n"));
    corpus.add(new Case("forwarded", "alice@forwarder.test", signed("forwarded")));
    corpus.add(new Case("multi-from", "news@shop.test", signed("multi-from")));
    String jdkim = jdkimSigned(key, message("news@shop.test", "jdkim-relaxed", "original text\r\n"));
    corpus.add(new Case("jdkim-relaxed", "news@shop.test", jdkim));
    corpus.add(new Case("jdkim-list-footer-without-l", "list-bounces@shop.test",
        jdkimSigned(key, message("news@shop.test", "jdkim-footer", "original text\r\n")) + "-- \r\nfooter\r\n"));
    corpus.add(new Case("softfail", "a@soft.test", message("a@soft.test", "softfail", "x\r\n")));
    corpus.add(new Case("neutral", "a@neutral.test", message("a@neutral.test", "neutral", "x\r\n")));
    corpus.add(new Case("permerror", "a@perm.test", message("a@perm.test", "permerror", "x\r\n")));
    corpus.add(new Case("subdomain-none", "a@eu.shop.test", message("a@eu.shop.test", "subdomain-none", "x\r\n")));
    corpus.add(new Case("null-sender", "", message("mailer-daemon@shop.test", "null-sender", "x\r\n")));

    // 2. fakemail receives them over SMTP; 3. dkimpy and pyspf judge the very bytes it stored
    Map<String, ReceivedMessage> received = new LinkedHashMap<>();
    StringBuilder verify = new StringBuilder("[");
    for (Case c : corpus) {
      ReceivedMessage m = send(c);
      received.put(c.id(), m);
      Path f = dir.resolve(c.id() + ".received.eml");
      Files.write(f, m.raw());
      verify.append(verify.length() > 1 ? "," : "").append("{\"op\":\"verify\",\"id\":\"").append(c.id())
          .append("\",\"file\":\"").append(f).append("\",\"ip\":\"127.0.0.1\",\"mailfrom\":\"").append(c.mailFrom())
          .append("\",\"helo\":\"").append(HELO).append("\"}");
    }
    String out = runPython(verify.append(']').toString());
    Map<String, String[]> theirs = new LinkedHashMap<>();
    Matcher r = Pattern.compile("RESULT (\\S+) dkim=(\\S+) spf=(\\S+)").matcher(out);
    while (r.find()) {
      theirs.put(r.group(1), new String[] {r.group(2), r.group(3)});
    }
    assertThat(theirs.keySet()).as(out).containsExactlyElementsOf(received.keySet());

    StringBuilder table = new StringBuilder();
    for (Map.Entry<String, ReceivedMessage> e : received.entrySet()) {
      Authentication a = e.getValue().authentication();
      String ourDkim = a.dkim().isEmpty() ? "none"
          : String.join(",", a.dkim().stream().map(c -> c.passed() ? "pass" : "fail").toList());
      String[] t = theirs.get(e.getKey());
      table.append(String.format("%-30s fakemail dkim=%-6s spf=%-9s | dkimpy dkim=%-6s pyspf spf=%s%n", e.getKey(), ourDkim,
          a.spf().result().keyword(), t[0], t[1]));
      assertThat(ourDkim).as("DKIM of %s\n%s", e.getKey(), table).isEqualTo(t[0]);
      assertThat(a.spf().result().keyword()).as("SPF of %s\n%s", e.getKey(), table).isEqualTo(t[1]);
    }
    // and the verdicts are the right ones, not merely the same
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("unsigned", "none pass");
    expected.put("dkimpy-relaxed", "pass pass");
    expected.put("dkimpy-simple", "pass pass");
    expected.put("dkimpy-body-altered", "fail pass");
    expected.put("dkimpy-header-altered", "fail pass");
    expected.put("dkimpy-wrong-key", "fail pass");
    expected.put("dkimpy-missing-key", "fail pass");
    expected.put("dkimpy-list-footer", "pass pass");
    expected.put("forwarded", "pass fail");
    expected.put("multi-from", "pass pass");
    expected.put("jdkim-relaxed", "pass pass");
    expected.put("jdkim-list-footer-without-l", "fail pass");
    expected.put("softfail", "none softfail");
    expected.put("neutral", "none neutral");
    expected.put("permerror", "none permerror");
    expected.put("subdomain-none", "none none");
    expected.put("null-sender", "none pass");
    expected.forEach((id, v) -> assertThat(theirs.get(id)[0] + " " + theirs.get(id)[1]).as("%s\n%s", id, table).isEqualTo(v));
    // DMARC on top: the forwarded message still passes on its aligned DKIM signature
    assertThat(received.get("forwarded").authentication().dmarc().passed()).isTrue();
    assertThat(received.get("dkimpy-body-altered").authentication().dmarc().passed()).isTrue(); // aligned SPF
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** A sign case for dkimpy, from a fresh message named after the case. */
  private String sign(String id, Path key, String selector, String canon, boolean length) throws IOException {
    String from = id.equals("multi-from") ? "news@shop.test, ceo@bank.test" : "Shop <news@shop.test>";
    Path in = write(id + ".eml", message(from, id, "original text\r\n\r\n"));
    return "{\"op\":\"sign\",\"file\":\"" + in + "\",\"key\":\"" + key + "\",\"selector\":\"" + selector
        + "\",\"domain\":\"shop.test\",\"canon\":\"" + canon + "\",\"length\":" + length + ",\"out\":\""
        + dir.resolve(id + ".signed.eml") + "\"}";
  }

  private String signed(String id) throws IOException {
    return Files.readString(dir.resolve(id + ".signed.eml"), StandardCharsets.UTF_8);
  }

  private static String jdkimSigned(DkimKey key, String raw) throws Exception {
    DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + key.domain() + "; s=" + key.selector()
        + "; h=from:to:subject:date:message-id; bh=; b=;", key.privateKey());
    try (InputStream in = new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))) {
      return signer.sign(in) + "\r\n" + raw;
    }
  }

  private String runPython(String cases) throws Exception {
    return AuthCrossCheck.runScript(python, "authcheck.py", dir, server, cases);
  }


  private ReceivedMessage send(Case c) throws IOException {
    AuthCrossCheck.send(server, HELO, c.id(), c.mailFrom(), c.raw());
    String subject = c.id().equals("jdkim-list-footer-without-l") ? "jdkim-footer" : c.id();
    return server.awaitMessage(MessageFilter.subject(subject).and(MessageFilter.from(c.mailFrom().isEmpty()
        ? "mailer-daemon@shop.test" : c.mailFrom())), Duration.ofSeconds(10));
  }
}
