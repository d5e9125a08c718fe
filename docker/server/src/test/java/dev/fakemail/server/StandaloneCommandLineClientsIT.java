package dev.fakemail.server;

import static dev.fakemail.server.StandaloneServerIT.JAR;
import static dev.fakemail.server.StandaloneServerIT.quiet;
import static dev.fakemail.server.StandaloneServerIT.readUntilReady;
import static dev.fakemail.server.StandaloneServerIT.smtpConversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.support.ExternalProgram;
import dev.fakemail.core.support.ExternalProgram.Result;
import dev.fakemail.core.support.MailClientFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real command-line mail clients against the standalone program (the runnable jar), as a user runs
 * them: curl (pop3, imap with STARTTLS), python's poplib and imaplib, mbsync (a full sync to a
 * Maildir) and fetchmail. Messages reach it over SMTP first; each test uses its own mailbox.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StandaloneCommandLineClientsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Process server;
  private static Map<String, Integer> ports;
  private static Path cert;
  @TempDir
  static Path shared;
  @TempDir
  Path dir;

  @BeforeAll
  static void startProgram() throws Exception {
    assertThat(JAR).as("the runnable jar (mvn package builds it)").exists();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString(), "--smtp-port", "0", "--pop3-port", "0", "--imap-port", "0", "--imaps-port", "0",
        "--http-port", "0"));
    // stderr (the log) goes to a file: an undrained pipe would block the program once full.
    server = quiet(new ProcessBuilder(cmd)).redirectError(shared.resolve("server.log").toFile()).start();
    ports = readUntilReady(server);
    cert = shared.resolve("fakemail.pem");
    Files.writeString(cert, get("/api/v1/tls/certificate"));
  }

  @AfterAll
  static void stopProgram() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor(20, TimeUnit.SECONDS);
      server.destroyForcibly();
    }
  }

  private static String get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("http") + path))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  /** Delivers messages "Message first..last" to {@code to} over SMTP and waits until all are stored. */
  private static void deliver(String to, int first, int last) throws Exception {
    for (int i = first; i <= last; i++) {
      String t = smtpConversation(ports.get("smtp"), "EHLO clients.test", "MAIL FROM:<alice@app.test>",
          "RCPT TO:<" + to + ">", "DATA", "From: alice@app.test", "To: " + to, "Subject: Message " + i, "",
          "Body number " + i, ".", "QUIT");
      assertThat(t).contains("250 2.0.0 Ok: queued as");
    }
    String query = "/api/v1/messages?to=" + to;
    java.util.regex.Pattern stored = java.util.regex.Pattern.compile("\"total\":" + last + "\\b");
    await().atMost(Duration.ofSeconds(10)).until(() -> stored.matcher(get(query)).find());
  }

  private Result run(String... command) throws Exception {
    return ExternalProgram.run(List.of(command), dir, Map.of("HOME", dir.toString()), 60);
  }

  @Test
  void curlListsAndRetrievesOverPop3() throws Exception {
    ExternalProgram.require("curl");
    String user = "curl-pop@example.test";
    deliver(user, 1, 3);
    String base = "pop3://127.0.0.1:" + ports.get("pop3") + "/";
    Result list = run("curl", "-sS", "-u", user + ":x", base);
    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.output().lines()).hasSize(3);
    Result retr = run("curl", "-sS", "-u", user + ":x", base + "2");
    assertThat(retr.exitCode()).as(retr.output()).isZero();
    assertThat(retr.output()).contains("Subject: Message 2", "Body number 2");
  }

  @Test
  void curlSearchesAndFetchesOverImapWithStartTls() throws Exception {
    ExternalProgram.require("curl");
    String user = "curl-imap@example.test";
    deliver(user, 1, 3);
    String base = "imap://localhost:" + ports.get("imap") + "/INBOX";
    Result search = run("curl", "-sS", "--ssl-reqd", "--cacert", cert.toString(), "-u", user + ":x",
        base + "?SUBJECT%20%22Message%202%22");
    assertThat(search.exitCode()).as(search.output()).isZero();
    assertThat(search.output()).contains("* SEARCH 2");
    Result fetch = run("curl", "-sS", "--ssl-reqd", "--cacert", cert.toString(), "-u", user + ":x", base + "/;UID=1");
    assertThat(fetch.exitCode()).as(fetch.output()).isZero();
    assertThat(fetch.output()).contains("Subject: Message 1", "Body number 1");
  }

  @Test
  void pythonPoplibRetrievesEveryMessageAfterStls() throws Exception {
    ExternalProgram.require("python3");
    String user = "poplib@example.test";
    deliver(user, 1, 3);
    String script = MailClientFiles.PYTHON_POPLIB;
    Result r = run("python3", "-c", script, String.valueOf(ports.get("pop3")), user, cert.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("count 3", "Subject: Message 1", "Subject: Message 3", "uidl 3");
  }

  @Test
  void pythonImaplibSearchesFetchesAndStores() throws Exception {
    ExternalProgram.require("python3");
    String user = "imaplib@example.test";
    deliver(user, 1, 3);
    String script = MailClientFiles.PYTHON_IMAPLIB;
    Result r = run("python3", "-c", script, String.valueOf(ports.get("imap")), user, cert.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("exists 3", "found 2", "Subject: Message 2", "flagged 2");
  }

  @Test
  void mbsyncSyncsTheWholeMailboxToAMaildir() throws Exception {
    ExternalProgram.require("mbsync");
    String user = "mbsync@example.test";
    deliver(user, 1, 3);
    Path maildir = dir.resolve("mail");
    Path config = MailClientFiles.mbsyncrc(dir, ports.get("imaps"), user, cert, maildir);
    Result r = run("mbsync", "-c", config.toString(), "-a");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(MailClientFiles.countMaildir(maildir.resolve("INBOX"))).as(r.output()).isEqualTo(3);
    assertThat(Files.isDirectory(maildir.resolve("Sent"))).isTrue();
    deliver(user, 4, 4);
    Result again = run("mbsync", "-c", config.toString(), "-a");
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(MailClientFiles.countMaildir(maildir.resolve("INBOX"))).as(again.output()).isEqualTo(4);
  }


  @Test
  void fetchmailDownloadsEveryMessage() throws Exception {
    ExternalProgram.require("fetchmail");
    String user = "fetchmail@example.test";
    deliver(user, 1, 3);
    Path out = dir.resolve("delivered");
    Path rc = MailClientFiles.fetchmailrc(dir, ports.get("pop3"), user, out);
    Result r = run("fetchmail", "-f", rc.toString(), "--idfile", dir.resolve("fetchids").toString(), "-v");
    assertThat(r.exitCode()).as(r.output()).isZero();
    List<String> subjects = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.toList()) {
        Files.readString(f).lines().filter(l -> l.startsWith("Subject: ")).forEach(subjects::add);
      }
    }
    assertThat(subjects).as(r.output()).containsExactlyInAnyOrder("Subject: Message 1", "Subject: Message 2",
        "Subject: Message 3");
    Result again = run("fetchmail", "-f", rc.toString(), "--idfile", dir.resolve("fetchids").toString(), "-v");
    assertThat(again.exitCode()).as("1: no mail, the first run deleted it; " + again.output()).isEqualTo(1);
  }
}
