package dev.fakemail.core.interop;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.support.ExternalProgram;
import dev.fakemail.core.support.ExternalProgram.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real command-line SMTP clients against an in-process server: swaks, python's smtplib, curl. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SmtpCommandLineClientsIT {
  @TempDir
  Path dir;

  FakeMailServer server;
  Path ca;

  @BeforeEach
  void start() throws Exception {
    server = FakeMailServer.builder().user("alice@corp.test", "secret").user("bob@corp.test", "pw").start();
    ca = dir.resolve("ca.pem");
    Files.writeString(ca, server.tls().certificatePem());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Result run(List<String> command) throws Exception {
    return ExternalProgram.run(command, dir, Map.of("HOME", dir.toString()), 60);
  }

  @Test
  void swaksSendsPlainAndWithStartTlsAndAuth() throws Exception {
    ExternalProgram.require("swaks");
    Result plain = run(List.of("swaks", "--server", server.host(), "--port", String.valueOf(server.smtpPort()),
        "--from", "alice@corp.test", "--to", "bob@corp.test", "--header", "Subject: swaks plain"));
    assertThat(plain.exitCode()).as(plain.output()).isZero();

    Result tls = run(List.of("swaks", "--server", server.host(), "--port", String.valueOf(server.submissionPort()),
        "--tls", "--auth", "PLAIN", "--auth-user", "alice@corp.test", "--auth-password", "secret",
        "--from", "alice@corp.test", "--to", "bob@corp.test", "--header", "Subject: swaks tls"));
    assertThat(tls.exitCode()).as(tls.output()).isZero();

    Result wrong = run(List.of("swaks", "--server", server.host(), "--port", String.valueOf(server.submissionPort()),
        "--tls", "--auth", "LOGIN", "--auth-user", "alice@corp.test", "--auth-password", "wrong",
        "--from", "alice@corp.test", "--to", "bob@corp.test"));
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.output()).contains("535 5.7.8");

    List<ReceivedMessage> got = server.awaitMessages(to("bob@corp.test"), 2);
    assertThat(got).extracting(ReceivedMessage::subject).containsExactly("swaks plain", "swaks tls");
    assertThat(got.get(1).session().tls()).isTrue();
    assertThat(got.get(1).session().authUser()).isEqualTo("alice@corp.test");
  }

  @Test
  void pythonSmtplibSendsOverStartTlsAndSmtpsWithAuth() throws Exception {
    ExternalProgram.require("python3");
    Path script = dir.resolve("send.py");
    Files.writeString(script, """
        import smtplib, ssl, sys
        host, port, sport, ca = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
        ctx = ssl.create_default_context(cafile=ca)
        msg = "From: alice@corp.test\\r\\nTo: bob@corp.test\\r\\nSubject: %s\\r\\n\\r\\nhello from python\\r\\n"
        with smtplib.SMTP(host, port) as s:
            s.starttls(context=ctx)
            s.login("alice@corp.test", "secret")
            s.sendmail("alice@corp.test", ["bob@corp.test"], msg % "python starttls")
        with smtplib.SMTP_SSL(host, sport, context=ctx) as s:
            s.login("alice@corp.test", "secret")
            s.sendmail("alice@corp.test", ["bob@corp.test"], msg % "python smtps")
        try:
            with smtplib.SMTP(host, port) as s:
                s.sendmail("alice@corp.test", ["nobody@corp.test"], msg % "nobody")
        except smtplib.SMTPRecipientsRefused as e:
            print("refused", e.recipients["nobody@corp.test"][0])
        """, StandardCharsets.UTF_8);
    Result r = run(List.of("python3", script.toString(), "localhost", String.valueOf(server.smtpPort()),
        String.valueOf(server.smtpsPort()), ca.toString()));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("refused 550");
    assertThat(server.awaitMessages(to("bob@corp.test"), 2)).extracting(ReceivedMessage::subject)
        .containsExactly("python starttls", "python smtps");
  }

  @Test
  void curlUploadsOverSmtp() throws Exception {
    ExternalProgram.require("curl");
    Path mail = dir.resolve("mail.txt");
    Files.writeString(mail, "From: alice@corp.test\r\nTo: bob@corp.test\r\nSubject: curl smtp\r\n\r\nhello from curl\r\n");
    Result r = run(List.of("curl", "-sS", "--ssl-reqd", "--cacert", ca.toString(),
        "smtp://localhost:" + server.submissionPort(), "--user", "alice@corp.test:secret",
        "--mail-from", "alice@corp.test", "--mail-rcpt", "bob@corp.test", "--upload-file", mail.toString()));
    assertThat(r.exitCode()).as(r.output()).isZero();
    ReceivedMessage m = server.awaitMessage(to("bob@corp.test"));
    assertThat(m.subject()).isEqualTo("curl smtp");
    assertThat(m.text()).contains("hello from curl");
  }
}
