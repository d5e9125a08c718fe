package dev.fakemail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.Listener;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine.TypeConversionException;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OptionsTest {
  @Test
  void portAcceptsNumbersZeroAndOff() {
    Options.PortConverter c = new Options.PortConverter();
    assertThat(c.convert("2525")).isEqualTo(2525);
    assertThat(c.convert("0")).isZero();
    assertThat(c.convert("off")).isNull();
    assertThat(c.convert("OFF")).isNull();
  }

  @Test
  void portDefaultsAreTheListenersStandaloneDefaults() {
    Options o = new Options();
    Main main = new Main(System.out, new java.util.concurrent.CountDownLatch(1));
    main.options = o;
    Main.commandLine(main).parseArgs();
    java.util.Map<Listener, Integer> expected = new java.util.EnumMap<>(Listener.class);
    for (Listener l : Listener.values()) {
      expected.put(l, l.standaloneDefaultPort());
    }
    assertThat(o.applyTo(FakeMailConfig.builder()).build().ports()).isEqualTo(expected);

    Options some = new Options();
    main.options = some;
    Main.commandLine(main).parseArgs("--pop3-port", "off", "--smtp-port", "0");
    assertThat(some.applyTo(FakeMailConfig.builder()).build().ports())
        .doesNotContainKey(Listener.POP3).containsEntry(Listener.SMTP, 0)
        .containsEntry(Listener.IMAP, Listener.IMAP.standaloneDefaultPort());

    String help = Main.commandLine(main).getUsageMessage()
        .replaceAll("\\s+", " ");
    for (Listener l : Listener.values()) {
      assertThat(help).as("--help names %s's default", l.id())
          .contains("FAKEMAIL_" + l.name() + "_PORT; default " + l.standaloneDefaultPort() + ")");
    }
  }

  /**
   * Option descriptions are format strings: a lone {@code %} ("55% of the heap") made picocli print a
   * warning per description on {@code --help} and show the text unformatted.
   */
  @Test
  void helpFormatsEveryDescription() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    String help;
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      help = Main.commandLine(new Main(System.out, new java.util.concurrent.CountDownLatch(1))).getUsageMessage();
    } finally {
      System.setErr(saved);
    }
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).as("picocli's warnings").isEmpty();
    assertThat(help.replaceAll("\\s+", " ")).contains("default: 55% of the heap beyond 24 MiB").doesNotContain("%%");
  }

  @Test
  void badPortIsRejectedWithTheReason() {
    Options.PortConverter c = new Options.PortConverter();
    assertThatThrownBy(() -> c.convert("abc")).isInstanceOf(TypeConversionException.class).hasMessageContaining("not a port");
    assertThatThrownBy(() -> c.convert("70000")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void sizesTakeBinaryUnits() {
    Options.SizeConverter c = new Options.SizeConverter();
    assertThat(c.convert("1048576")).isEqualTo(1048576L);
    assertThat(c.convert("50MiB")).isEqualTo(50L * 1024 * 1024);
    assertThat(c.convert("512k")).isEqualTo(512L * 1024);
    assertThat(c.convert("1GB")).isEqualTo(1024L * 1024 * 1024);
    assertThatThrownBy(() -> c.convert("lots")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void durationsTakeShortAndIsoForms() {
    Options.DurationConverter c = new Options.DurationConverter();
    assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.convert("PT2S")).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> c.convert("soon")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void relayOptionsAreRepeatableAndParsed() {
    Options o = picocli.CommandLine.populateCommand(new Options(),
        "--local-domain", "corp.test", "--local-domain", "corp2.test",
        "--dns-record", "far.test MX 10 mx.far.test", "--dns-record", "far.test TXT v=spf1 -all|mx.far.test A 127.0.0.1",
        "--relay-host", "mx.far.test=127.0.0.1:4525,starttls,user=relay,password=s3cret",
        "--dns-port", "0");
    assertThat(o.localDomains).containsExactly("corp.test", "corp2.test");
    assertThat(o.dnsRecords).containsExactly("far.test MX 10 mx.far.test", "far.test TXT v=spf1 -all", "mx.far.test A 127.0.0.1");
    assertThat(o.relayHosts).containsExactly("mx.far.test=127.0.0.1:4525,starttls,user=relay,password=s3cret");
    assertThat(o.dnsPort).isZero();
  }

  @Test
  void dnsIsOffUnlessAPortIsGiven() {
    Options o = new Options();
    Main main = new Main(System.out, new java.util.concurrent.CountDownLatch(1));
    main.options = o;
    Main.commandLine(main).parseArgs();
    assertThat(o.dnsPort).isNull();
    assertThat(o.localDomains).isEmpty();
  }

  @Test
  void securityOptionsAreRepeatableAndCommaSeparated() {
    Options o = picocli.CommandLine.populateCommand(new Options(),
        "--allowed-host", "mail.dev.test,*.ci.example", "--allowed-host", "192.0.2.7",
        "--allowed-origin", "https://mail.dev.example", "--relay-network", "10.0.0.0/8,fd00::/8", "--relay-network", "192.0.2.7");
    assertThat(o.allowedHosts).containsExactly("mail.dev.test", "*.ci.example", "192.0.2.7");
    assertThat(o.allowedOrigins).containsExactly("https://mail.dev.example");
    assertThat(o.relayNetworks).containsExactly("10.0.0.0/8", "fd00::/8", "192.0.2.7");
  }

  @Test
  void mailboxAndFolderCapsHaveDefaultsAndReachTheServer() {
    Options defaults = picocli.CommandLine.populateCommand(new Options());
    assertThat(defaults.maxMailboxes).isEqualTo(dev.fakemail.core.FakeMailConfig.DEFAULT_MAX_MAILBOXES);
    assertThat(defaults.maxFolders).isEqualTo(dev.fakemail.core.FakeMailConfig.DEFAULT_MAX_FOLDERS);
    Options o = picocli.CommandLine.populateCommand(new Options(), "--max-mailboxes", "20", "--max-folders", "8",
        "--max-store-size", "16MiB", "--smtp-port", "0", "--submission-port", "off", "--smtps-port", "off",
        "--pop3-port", "off", "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off");
    try (dev.fakemail.core.FakeMailServer server = o.applyTo(dev.fakemail.core.FakeMailServer.builder()).start()) {
      assertThat(server.config().maxMailboxes()).isEqualTo(20);
      assertThat(server.config().maxFolders()).isEqualTo(8);
      assertThat(server.config().maxStoreBytes()).isEqualTo(16L << 20);
    }
  }

  @Test
  void enforceAndDkimSignReachTheServerConfig(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    dev.fakemail.core.DkimKey key = dev.fakemail.core.DkimKey.generate("relay.test", "r1");
    java.nio.file.Path pem = dir.resolve("key.pem");
    java.nio.file.Files.writeString(pem, key.privateKeyPem());
    Options o = picocli.CommandLine.populateCommand(new Options(), "--enforce", "dmarc,spf",
        "--dkim-sign", "relay.test:r1:" + pem);
    dev.fakemail.core.FakeMailConfig c = o.applyTo(dev.fakemail.core.FakeMailConfig.builder()).build();
    assertThat(c.enforce()).containsExactly("dmarc", "spf");
    assertThat(c.dkimSigning().domain()).isEqualTo("relay.test");
    assertThat(c.dkimSigning().selector()).isEqualTo("r1");
    assertThat(c.dkimSigning().privateKey().getEncoded()).isEqualTo(key.privateKeyDer());

    Options bad = picocli.CommandLine.populateCommand(new Options(), "--enforce", "dkim");
    assertThatThrownBy(() -> bad.applyTo(dev.fakemail.core.FakeMailConfig.builder())).hasMessageContaining("dmarc or spf");
    java.nio.file.Path notPem = dir.resolve("x.pem");
    java.nio.file.Files.writeString(notPem, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    Options rsa = picocli.CommandLine.populateCommand(new Options(), "--dkim-sign", "relay.test:r1:" + notPem);
    assertThatThrownBy(() -> rsa.applyTo(dev.fakemail.core.FakeMailConfig.builder())).hasMessageContaining("openssl pkcs8");
  }
}
