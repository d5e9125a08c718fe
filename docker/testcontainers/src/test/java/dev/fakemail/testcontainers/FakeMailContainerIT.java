package dev.fakemail.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.fakemail.core.MessageFilter.any;
import static dev.fakemail.core.MessageFilter.subject;
import static dev.fakemail.core.MessageFilter.to;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.HealthCheck;
import dev.fakemail.core.ReceivedMessage;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.Container.ExecResult;

/**
 * The real image, built from this checkout, in one container with the default configuration shared
 * by every test here. Tests that look at mail use their own namespace or recipient, never purge, so
 * they would pass in any order and in parallel.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FakeMailContainerIT {
  static FakeMailContainer mail;

  @BeforeAll
  static void start() {
    ContainerRuntime.require();
    mail = new FakeMailContainer(FakeMailImage.get());
    mail.start();
  }

  @AfterAll
  static void stop() {
    if (mail != null) {
      mail.stop();
    }
  }

  @Test
  void mailSentFromTheHostOverSmtpIsAwaitedOverRest() throws Exception {
    String bob = mail.namespace().address("bob");
    String reply = Smtp.send(mail.getHost(), mail.getSmtpPort(), "app@host.test", bob, "From the host", "hello from the host");
    assertThat(reply).startsWith("250 ").contains("queued");

    ReceivedMessage m = mail.client().awaitMessage(to(bob), Duration.ofSeconds(10));

    assertThat(m.subject()).isEqualTo("From the host");
    assertThat(m.text()).contains("hello from the host");
    assertThat(m.envelope().from()).isEqualTo("app@host.test");
    assertThat(m.envelope().recipientAddresses()).containsExactly(bob);
    assertThat(mail.client().raw(m.id())).hasValueSatisfying(raw -> assertThat(new String(raw)).contains("Subject: From the host"));
  }

  @Test
  void mailSentFromTheHostIsReadBackOverImap() throws Exception {
    String dave = mail.namespace().address("dave");
    send(dave, "Read me over IMAP");
    mail.client().awaitMessage(to(dave), Duration.ofSeconds(10));

    try (Store imap = mailSession().getStore("imap")) {
      imap.connect(mail.getHost(), mail.getImapPort(), dave, "any password");   // open mode: any password
      Folder inbox = imap.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessageCount()).isEqualTo(1);
      Message m = inbox.getMessage(1);
      assertThat(m.getSubject()).isEqualTo("Read me over IMAP");
      assertThat(m.getHeader("Return-Path")).containsExactly("<app@host.test>");
      inbox.close(false);
    }
  }

  @Test
  void mailSentFromTheHostIsReadBackOverPop3() throws Exception {
    String erin = mail.namespace().address("erin");
    send(erin, "Read me over POP3");
    mail.client().awaitMessage(to(erin), Duration.ofSeconds(10));

    try (Store pop3 = mailSession().getStore("pop3")) {
      pop3.connect(mail.getHost(), mail.getPop3Port(), erin, "any password");
      Folder inbox = pop3.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessageCount()).isEqualTo(1);
      assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Read me over POP3");
      inbox.close(false);
    }
  }

  static Session mailSession() {
    Properties p = new Properties();
    for (String protocol : List.of("imap", "pop3")) {
      p.put("mail." + protocol + ".connectiontimeout", "10000");
      p.put("mail." + protocol + ".timeout", "10000");
    }
    return Session.getInstance(p);
  }

  @Test
  void awaitOverRestReturnsAsSoonAsMailArrives() throws Exception {
    String carol = mail.namespace().address("carol");
    CompletableFuture<ReceivedMessage> waiting =
        CompletableFuture.supplyAsync(() -> mail.client().awaitMessage(to(carol), Duration.ofSeconds(30)));

    Smtp.send(mail.getHost(), mail.getSubmissionPort(), "app@host.test", carol, "Submitted", "hi");

    assertThat(waiting.get(30, TimeUnit.SECONDS).subject()).isEqualTo("Submitted");
  }

  @Test
  void twoNamespacesInOneContainerSeeOnlyTheirOwnMail() throws Exception {
    Namespace one = mail.namespace();
    Namespace two = mail.namespace();
    send(two.address("bob"), "Welcome, two");
    send(one.address("bob"), "Welcome, one");
    send(one.address("alice"), "Receipt, one");

    assertThat(one.awaitMessages(any(), 2, Duration.ofSeconds(10))).extracting(ReceivedMessage::subject)
        .containsExactlyInAnyOrder("Welcome, one", "Receipt, one");
    assertThat(two.awaitMessage(subject("Welcome")).subject()).isEqualTo("Welcome, two");
    assertThat(one.messages(subject("Welcome"))).extracting(ReceivedMessage::subject).containsExactly("Welcome, one");
    assertThat(two.messages()).hasSize(1);
  }

  @Test
  void namespacesUsedInParallelEachSeeExactlyTheirOwnMail() throws Exception {
    List<CompletableFuture<List<String>>> tests = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
      Namespace ns = mail.namespace();
      try {
        send(ns.address("bob"), "Welcome " + i);
        send(ns.address("alice"), "Receipt " + i);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      ns.awaitMessages(any(), 2, Duration.ofSeconds(20));
      return ns.messages().stream().map(ReceivedMessage::subject).sorted().toList();
    })).toList();

    for (int i = 0; i < tests.size(); i++) {
      assertThat(tests.get(i).get(60, TimeUnit.SECONDS)).containsExactly("Receipt " + i, "Welcome " + i);
    }
  }

  @Test
  void namespacePurgeLeavesOtherNamespacesMail() throws Exception {
    Namespace one = mail.namespace();
    Namespace two = mail.namespace();
    send(one.address("bob"), "one's");
    send(two.address("bob"), "two's");
    one.awaitMessage(any());
    two.awaitMessage(any());

    one.purge();

    assertThat(one.messages()).isEmpty();
    assertThat(two.messages()).extracting(ReceivedMessage::subject).containsExactly("two's");
  }

  @Test
  void failedAwaitOverRestSaysWhatArrived() throws Exception {
    Namespace ns = mail.namespace();
    send(ns.address("bob"), "Hello");
    ns.awaitMessage(any());

    assertThatThrownBy(() -> ns.awaitMessage(subject("Welcome"), Duration.ofMillis(500)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("in namespace " + ns.domain())
        .hasMessageContaining("Hello");
  }

  @Test
  void clientIsOnePerContainer() {
    assertThat(mail.client()).isSameAs(mail.client());
    assertThat(mail.client().baseUri()).isEqualTo(URI.create(mail.getApiUrl() + "/"));
    assertThat(mail.client().isHealthy()).isTrue();
  }

  @Test
  void healthEndpointAnswersUpWithoutToken() throws Exception {
    HttpResponse<String> res = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(mail.getApiUrl().resolve("/health")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("\"status\"").contains("\"UP\"");
  }

  @Test
  void imagesHealthCheckCommandSucceedsInTheRunningContainer() throws Exception {
    List<String> test = mail.getContainerInfo().getConfig().getHealthcheck().getTest();
    assertThat(test.get(0)).as("exec form").isEqualTo("CMD");

    ExecResult check = mail.execInContainer(test.subList(1, test.size()).toArray(String[]::new));

    assertThat(check.getExitCode()).as("health check exit code; stderr: %s", check.getStderr()).isZero();
  }

  @Test
  void healthCheckCommandFailsWhenNothingAnswers() throws Exception {
    List<String> test = mail.getContainerInfo().getConfig().getHealthcheck().getTest();
    // the same command against a port nothing listens on inside the container
    String[] cmd = test.subList(1, test.size()).toArray(String[]::new);
    cmd[cmd.length - 1] = cmd[cmd.length - 1].replace("${FAKEMAIL_HTTP_PORT:-8025}", "1");

    assertThat(mail.execInContainer(cmd).getExitCode()).isNotZero();
  }

  @Test
  void listenersBindEveryInterfaceInsideTheContainer() {
    assertThat(mail.getLogs()).containsPattern("smtp\\s+0\\.0\\.0\\.0:2525").containsPattern("submission\\s+0\\.0\\.0\\.0:2587")
        .containsPattern("smtps\\s+0\\.0\\.0\\.0:2465")
        .containsPattern("pop3\\s+0\\.0\\.0\\.0:2110").containsPattern("pop3s\\s+0\\.0\\.0\\.0:2995")
        .containsPattern("imap\\s+0\\.0\\.0\\.0:2143").containsPattern("imaps\\s+0\\.0\\.0\\.0:2993")
        .containsPattern("http\\s+0\\.0\\.0\\.0:8025").contains("ready");
  }

  @Test
  void serverRunsAsANonRootUser() throws Exception {
    ExecResult id = mail.execInContainer("id", "-u");
    assertThat(id.getExitCode()).isZero();
    assertThat(id.getStdout().trim()).isNotEmpty().isNotEqualTo("0");
  }

  @Test
  void imageExposesEveryStandaloneDefaultPort() {
    InspectImageResponse image = mail.getDockerClient().inspectImageCmd(mail.getDockerImageName()).exec();
    assertThat(Arrays.stream(image.getConfig().getExposedPorts()).map(Object::toString))
        .contains("2525/tcp", "2587/tcp", "2465/tcp", "2110/tcp", "2995/tcp", "2143/tcp", "2993/tcp", "8025/tcp",
            "2053/tcp", "2053/udp");
  }

  @Test
  void containerHasTheImagesHealthCheckOnTheHealthEndpoint() {
    // podman's Docker API leaves it out of the image's inspect output; the container's has it
    HealthCheck check = mail.getContainerInfo().getConfig().getHealthcheck();
    assertThat(check).as("HEALTHCHECK kept (Docker image format)").isNotNull();
    assertThat(String.join(" ", check.getTest())).contains("GET /health").contains("8025").contains("\"UP\"");
  }

  @Test
  void entrypointMapsTheAppCdsArchiveMadeAtBuildTime() throws Exception {
    // the ENTRYPOINT's JVM flags; -Xshare:on makes the JVM refuse to start unless it maps the archive
    List<String> entrypoint = List.of(mail.getContainerInfo().getConfig().getEntrypoint());
    assertThat(entrypoint).contains("-XX:SharedArchiveFile=/opt/fakemail/fakemail.jsa");
    List<String> command = new ArrayList<>(entrypoint);
    command.add(1, "-Xshare:on");
    command.add(2, "-Xlog:class+load=info");
    command.add("--help");
    ExecResult help = mail.execInContainer(command.toArray(String[]::new));
    assertThat(help.getExitCode()).as(help.getStderr()).isZero();
    // classes of the jar from the archive, picocli's Java 5 ones too (only a static archive holds them)
    assertThat(help.getStdout()).contains("dev.fakemail.server.Main source: shared objects file")
        .contains("picocli.CommandLine source: shared objects file");
  }

  @Test
  void gettersGiveTheMappedPortsAndApiUrl() {
    assertThat(mail.getSmtpPort()).isEqualTo(mail.getMappedPort(FakeMailContainer.SMTP_PORT));
    assertThat(mail.getImapPort()).isEqualTo(mail.getMappedPort(FakeMailContainer.IMAP_PORT));
    assertThat(mail.getPop3Port()).isEqualTo(mail.getMappedPort(FakeMailContainer.POP3_PORT));
    assertThat(mail.getApiUrl().toString()).isEqualTo("http://" + mail.getHost() + ":" + mail.getMappedPort(8025));
  }

  static void send(String to, String subject) throws Exception {
    assertThat(Smtp.send(mail.getHost(), mail.getSmtpPort(), "app@host.test", to, subject, "body of " + subject)).startsWith("250 ");
  }

  /** The answer to GET path at the mapped HTTP port, sent with this Host header. */
  private static String getWithHost(String host, String path) throws Exception {
    try (java.net.Socket s = new java.net.Socket(mail.getHost(), mail.getHttpPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void theHostCheckServesTheMappedPortAndServiceNamesButNotARebindingName() throws Exception {
    assertThat(getWithHost(mail.getHost() + ":" + mail.getHttpPort(), "/api/v1/messages")).startsWith("HTTP/1.1 200");
    assertThat(getWithHost("localhost:" + mail.getHttpPort(), "/api/v1/messages")).startsWith("HTTP/1.1 200");
    assertThat(getWithHost("mail:8025", "/api/v1/messages")).as("a Compose service name").startsWith("HTTP/1.1 200");
    assertThat(getWithHost("rebind.attacker.example:" + mail.getHttpPort(), "/api/v1/messages"))
        .startsWith("HTTP/1.1 403").contains("--allowed-host");
  }
}
