package dev.fakemail.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Authentication;
import dev.fakemail.core.Authentication.Check;
import dev.fakemail.core.DkimKey;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.support.ExternalProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code a=ed25519-sha256} DKIM (RFC 8463) signed by an independent signer, dkimpy (Debian
 * python3-dkim, with PyNaCl for its Ed25519): its keys, published in the simulated DNS as
 * {@code k=ed25519} records, its signatures in relaxed and simple canonicalization, alone and beside an
 * RSA signature as RFC 8463 §5 recommends. fakemail's verdicts must be the right ones, with reasons,
 * and the same as dkimpy's own verification of the bytes fakemail stored (keys from the simulated DNS
 * over its UDP port).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SenderAuthenticationEd25519IT {
  private static final String HELO = "client.shop.test";
  private static final String FROM = "news@shop.test";

  @TempDir
  Path dir;

  FakeMailServer server;
  String python;

  @BeforeEach
  void start() throws Exception {
    // python3-dkim's interpreter is the one with the modules
    python = ExternalProgram.pythonOf("dkimverify", "dkim, nacl.signing, dns.resolver", "PyNaCl (python3-nacl, dkimpy's Ed25519) or dnspython", dir);
    server = FakeMailServer.builder().hostname("mx.inbound.test").dnsPort(0).start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void dkimpysEd25519SignaturesAreJudgedRightAndAsDkimpyJudgesThem() throws Exception {
    // dkimpy makes the Ed25519 keys; the published one and one that is not
    String keys = runPython("[" + keygen("ed1") + "," + keygen("other") + "]");
    Matcher k = Pattern.compile("KEY ed1 (\\S+)").matcher(keys);
    assertThat(k.find()).as(keys).isTrue();
    server.dns().txt("ed1._domainkey.shop.test", "v=DKIM1; k=ed25519; p=" + k.group(1));
    DkimKey rsa = server.dns().dkimKey("shop.test", "rsa1");
    Path rsaKey = Files.writeString(dir.resolve("rsa1.pem"), rsa.privateKeyPem());
    Path ed1 = dir.resolve("ed1.key");
    Path other = dir.resolve("other.key");
    server.dns().spf("shop.test", "v=spf1 -all"); // DMARC can only pass on DKIM
    server.dns().dmarc("shop.test", "v=DMARC1; p=reject");

    Map<String, String> signs = new LinkedHashMap<>();
    signs.put("ed-relaxed", sign("ed-relaxed", ed("ed1", ed1, "relaxed/relaxed")));
    signs.put("ed-simple", sign("ed-simple", ed("ed1", ed1, "simple/simple")));
    signs.put("ed-body-altered", sign("ed-body-altered", ed("ed1", ed1, "relaxed/simple")));
    signs.put("ed-header-altered", sign("ed-header-altered", ed("ed1", ed1, "relaxed/relaxed")));
    signs.put("ed-wrong-key", sign("ed-wrong-key", ed("ed1", other, "relaxed/relaxed")));
    signs.put("rsa-and-ed", sign("rsa-and-ed", rsa("rsa1", rsaKey), ed("ed1", ed1, "relaxed/relaxed")));
    signs.put("rsa-and-bad-ed", sign("rsa-and-bad-ed", rsa("rsa1", rsaKey), ed("ed1", other, "relaxed/relaxed")));
    runPython("[" + String.join(",", signs.values()) + "]");

    Map<String, String> raw = new LinkedHashMap<>();
    for (String id : signs.keySet()) {
      raw.put(id, Files.readString(dir.resolve(id + ".signed.eml"), StandardCharsets.UTF_8));
    }
    raw.put("ed-body-altered", raw.get("ed-body-altered").replace("original", "0riginal"));
    raw.put("ed-header-altered", raw.get("ed-header-altered").replace("Subject: ed-header-altered", "Subject: ed-header-altered!"));

    Map<String, ReceivedMessage> received = new LinkedHashMap<>();
    StringBuilder verify = new StringBuilder("[");
    for (Map.Entry<String, String> e : raw.entrySet()) {
      ReceivedMessage m = send(e.getKey(), e.getValue());
      received.put(e.getKey(), m);
      Path f = Files.write(dir.resolve(e.getKey() + ".received.eml"), m.raw());
      verify.append(verify.length() > 1 ? "," : "").append("{\"op\":\"verify\",\"id\":\"").append(e.getKey())
          .append("\",\"file\":\"").append(f).append("\"}");
    }
    String out = runPython(verify.append(']').toString());
    Map<String, String> dkimpy = new LinkedHashMap<>();
    Matcher r = Pattern.compile("RESULT (\\S+) dkim=(\\S+)").matcher(out);
    while (r.find()) {
      dkimpy.put(r.group(1), r.group(2));
    }
    assertThat(dkimpy.keySet()).as(out).containsExactlyElementsOf(received.keySet());

    StringBuilder table = new StringBuilder();
    Map<String, String> ours = new LinkedHashMap<>();
    for (Map.Entry<String, ReceivedMessage> e : received.entrySet()) {
      String v = String.join(",", e.getValue().authentication().dkim().stream()
          .map(c -> c.property("header.s") + ":" + (c.passed() ? "pass" : "fail")).sorted().toList());
      ours.put(e.getKey(), v);
      table.append(String.format("%-18s fakemail %-24s dkimpy %s%n", e.getKey(), v, dkimpy.get(e.getKey())));
    }
    for (String id : received.keySet()) {
      assertThat(ours.get(id)).as("%s\n%s", id, table).isEqualTo(dkimpy.get(id));
    }
    // the right verdicts, not merely the same ones
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("ed-relaxed", "ed1:pass");
    expected.put("ed-simple", "ed1:pass");
    expected.put("ed-body-altered", "ed1:fail");
    expected.put("ed-header-altered", "ed1:fail");
    expected.put("ed-wrong-key", "ed1:fail");
    expected.put("rsa-and-ed", "ed1:pass,rsa1:pass");
    expected.put("rsa-and-bad-ed", "ed1:fail,rsa1:pass");
    assertThat(ours).as(table.toString()).containsExactlyEntriesOf(expected);

    Check good = only(received.get("ed-relaxed"));
    assertThat(good.property("header.a")).isEqualTo("ed25519-sha256");
    assertThat(good.property("header.d")).isEqualTo("shop.test");
    assertThat(received.get("ed-relaxed").authentication().dmarc().passed()).isTrue();
    assertThat(received.get("ed-relaxed").authentication().dkimPassesFor("shop.test")).isTrue();
    assertThat(only(received.get("ed-body-altered")).reason()).containsIgnoringCase("body");
    assertThat(only(received.get("ed-header-altered")).reason()).containsIgnoringCase("signature does not verify");
    assertThat(only(received.get("ed-wrong-key")).reason()).containsIgnoringCase("signature does not verify");
    assertThat(received.get("ed-wrong-key").authentication().dmarc().passed()).isFalse();
    assertThat(received.get("rsa-and-bad-ed").authentication().dmarc().passed()).isTrue(); // on the RSA signature
  }

  private static Check only(ReceivedMessage m) {
    Authentication a = m.authentication();
    assertThat(a.dkim()).hasSize(1);
    return a.dkim().get(0);
  }

  private String keygen(String name) {
    return "{\"op\":\"keygen\",\"name\":\"" + name + "\",\"out\":\"" + dir.resolve(name + ".key") + "\"}";
  }

  private static String ed(String selector, Path key, String canon) {
    return "{\"alg\":\"ed25519-sha256\",\"key\":\"" + key + "\",\"selector\":\"" + selector
        + "\",\"domain\":\"shop.test\",\"canon\":\"" + canon + "\"}";
  }

  private static String rsa(String selector, Path key) {
    return "{\"alg\":\"rsa-sha256\",\"key\":\"" + key + "\",\"selector\":\"" + selector
        + "\",\"domain\":\"shop.test\",\"canon\":\"relaxed/relaxed\"}";
  }

  /** A sign case: a fresh message named after the case, signed with each signature in turn. */
  private String sign(String id, String... sigs) throws IOException {
    Path in = Files.writeString(dir.resolve(id + ".eml"), "From: Shop <" + FROM + ">\r\nTo: bob@inbound.test\r\nSubject: " + id
        + "\r\nDate: Thu, 3 Dec 2026 08:00:00 +0000\r\nMessage-ID: <" + id + "@shop.test>\r\n\r\noriginal text\r\n");
    return "{\"op\":\"sign\",\"file\":\"" + in + "\",\"out\":\"" + dir.resolve(id + ".signed.eml") + "\",\"sigs\":["
        + String.join(",", sigs) + "]}";
  }

  private String runPython(String cases) throws Exception {
    return AuthCrossCheck.runScript(python, "ed25519check.py", dir, server, cases);
  }


  private ReceivedMessage send(String id, String raw) throws IOException {
    AuthCrossCheck.send(server, HELO, id, FROM, raw);
    return server.awaitMessage(MessageFilter.subject(id), Duration.ofSeconds(10));
  }
}
