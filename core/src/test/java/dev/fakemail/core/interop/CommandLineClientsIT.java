package dev.fakemail.core.interop;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.support.ExternalProgram;
import dev.fakemail.core.support.MailClientFiles;
import dev.fakemail.core.support.ExternalProgram.Result;
import dev.fakemail.core.support.Mailer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real command-line mail clients against an in-process server: curl (pop3, pop3s, imap), python's
 * poplib and imaplib (with STLS/STARTTLS), mbsync (a full sync to a Maildir) and fetchmail.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CommandLineClientsIT {
  private static final String BOB = "bob@example.test";
  private FakeMailServer server;
  @TempDir
  Path dir;
  private Path cert;

  @BeforeEach
  void start() throws Exception {
    server = FakeMailServer.start();
    for (int i = 1; i <= 3; i++) {
      Mailer.send(server, BOB, "Message " + i, "Body number " + i);
    }
    server.awaitMessages(MessageFilter.to(BOB), 3);
    cert = dir.resolve("fakemail.pem");
    Files.writeString(cert, server.tls().certificatePem());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Result run(List<String> command) throws Exception {
    return ExternalProgram.run(command, dir, Map.of("HOME", dir.toString()), 60);
  }

  @Test
  void curlListsAndRetrievesOverPop3AndPop3s() throws Exception {
    ExternalProgram.require("curl");
    Result list = run(List.of("curl", "-sS", "-u", BOB + ":x", "pop3://127.0.0.1:" + server.pop3Port() + "/"));
    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.output().lines()).hasSize(3);
    Result retr = run(List.of("curl", "-sS", "-u", BOB + ":x", "pop3://127.0.0.1:" + server.pop3Port() + "/2"));
    assertThat(retr.output()).contains("Subject: Message 2", "Body number 2");
    Result tls = run(List.of("curl", "-sS", "--cacert", cert.toString(), "-u", BOB + ":x",
        "pop3s://localhost:" + server.pop3sPort() + "/3"));
    assertThat(tls.exitCode()).as(tls.output()).isZero();
    assertThat(tls.output()).contains("Subject: Message 3");
  }

  @Test
  void curlSearchesAndFetchesOverImapWithStartTls() throws Exception {
    ExternalProgram.require("curl");
    String base = "imap://localhost:" + server.imapPort() + "/INBOX";
    Result search = run(List.of("curl", "-sS", "--ssl-reqd", "--cacert", cert.toString(), "-u", BOB + ":x",
        base + "?SUBJECT%20%22Message%202%22"));
    assertThat(search.exitCode()).as(search.output()).isZero();
    assertThat(search.output()).contains("* SEARCH 2");
    Result fetch = run(List.of("curl", "-sS", "--ssl-reqd", "--cacert", cert.toString(), "-u", BOB + ":x",
        base + "/;UID=1"));
    assertThat(fetch.output()).contains("Subject: Message 1", "Body number 1");
  }

  @Test
  void pythonPoplibRetrievesEveryMessageAfterStls() throws Exception {
    ExternalProgram.require("python3");
    String script = MailClientFiles.PYTHON_POPLIB;
    Result r = run(List.of("python3", "-c", script, String.valueOf(server.pop3Port()), BOB, cert.toString()));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("count 3", "Subject: Message 1", "Subject: Message 3", "uidl 3");
  }

  @Test
  void pythonImaplibSearchesFetchesAndStores() throws Exception {
    ExternalProgram.require("python3");
    String script = MailClientFiles.PYTHON_IMAPLIB;
    Result r = run(List.of("python3", "-c", script, String.valueOf(server.imapPort()), BOB, cert.toString()));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("exists 3", "found 2", "Subject: Message 2", "flagged 2", "folders 5");
  }

  @Test
  void mbsyncSyncsTheWholeMailboxToAMaildir() throws Exception {
    ExternalProgram.require("mbsync");
    Path maildir = dir.resolve("mail");
    Path config = MailClientFiles.mbsyncrc(dir, server.imapsPort(), BOB, cert, maildir);
    Result r = run(List.of("mbsync", "-c", config.toString(), "-a"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(MailClientFiles.countMaildir(maildir.resolve("INBOX"))).isEqualTo(3);
    assertThat(Files.isDirectory(maildir.resolve("Sent"))).isTrue();
    Mailer.send(server, BOB, "Message 4", "late");
    server.awaitMessages(MessageFilter.to(BOB), 4);
    Result again = run(List.of("mbsync", "-c", config.toString(), "-a"));
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(MailClientFiles.countMaildir(maildir.resolve("INBOX"))).isEqualTo(4);
  }


  @Test
  void fetchmailDownloadsEveryMessage() throws Exception {
    ExternalProgram.require("fetchmail");
    Path out = dir.resolve("delivered");
    Path rc = MailClientFiles.fetchmailrc(dir, server.pop3Port(), BOB, out);
    Result r = run(List.of("fetchmail", "-f", rc.toString(), "--idfile", dir.resolve("fetchids").toString(), "-v"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.count()).as(r.output()).isEqualTo(3);
    }
    assertThat(ServerInternals.of(server).mailboxes().mailbox(BOB).inbox().size()).as("fetched messages are deleted").isZero();
  }
}
