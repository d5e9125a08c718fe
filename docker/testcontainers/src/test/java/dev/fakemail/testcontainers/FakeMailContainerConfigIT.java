package dev.fakemail.testcontainers;

import static dev.fakemail.core.MessageFilter.subject;
import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.client.FakeMailClient;
import dev.fakemail.inspector.client.FakeMailClientException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** with* options reach the program in the container as FAKEMAIL_* variables; this container also has an API token. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FakeMailContainerConfigIT {
  static final String TOKEN = "it-token-3f9a";
  static FakeMailContainer mail;

  @BeforeAll
  static void start() {
    ContainerRuntime.require();
    mail = new FakeMailContainer(FakeMailImage.get())
        .withHostname("mx.container.test")
        .withUser("known@config.test", "secret")
        .withUser("purged@config.test", "secret")
        .withApiToken(TOKEN);
    mail.start();
  }

  @AfterAll
  static void stop() {
    if (mail != null) {
      mail.stop();
    }
  }

  @Test
  void greetingNamesTheConfiguredHostname() throws Exception {
    assertThat(Smtp.greeting(mail.getHost(), mail.getSmtpPort())).startsWith("220 mx.container.test");
  }

  @Test
  void declaredUserReceivesMail() throws Exception {
    assertThat(Smtp.send(mail.getHost(), mail.getSmtpPort(), "app@host.test", "known@config.test", "Hi", "hello"))
        .startsWith("250 ");
  }

  @Test
  void clientSendsTheTokenAndAwaitsMail() throws Exception {
    Smtp.send(mail.getHost(), mail.getSmtpPort(), "app@host.test", "known@config.test", "With token", "hello");

    assertThat(mail.client().awaitMessage(to("known@config.test").and(subject("With token")), Duration.ofSeconds(10)).subject())
        .isEqualTo("With token");
  }

  @Test
  void apiWithoutTheTokenAnswers401() throws Exception {
    assertThat(get("/api/v1/messages", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/messages", "wrong-token").statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/messages", TOKEN).statusCode()).isEqualTo(200);

    FakeMailClient tokenless = FakeMailClient.connect(mail.getApiUrl());
    assertThatThrownBy(tokenless::messages).isInstanceOf(FakeMailClientException.class)
        .hasMessageContaining("401").hasMessageContaining("token");
  }

  @Test
  void healthNeedsNoToken() throws Exception {
    assertThat(get("/health", null).statusCode()).isEqualTo(200);
    assertThat(FakeMailClient.connect(mail.getApiUrl()).isHealthy()).isTrue();
  }

  @Test
  void purgeThroughTheClientEmptiesTheServer() throws Exception {
    Smtp.send(mail.getHost(), mail.getSmtpPort(), "app@host.test", "purged@config.test", "To purge", "x");
    ReceivedMessage m = mail.client().awaitMessage(to("purged@config.test"), Duration.ofSeconds(10));

    mail.client().purge();

    assertThat(mail.client().message(m.id())).isEmpty();
    assertThat(mail.client().messages()).isEmpty();
  }

  static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(mail.getApiUrl() + path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void declaredUserReadsOverImapWithTheirPasswordOnly() throws Exception {
    Smtp.send(mail.getHost(), mail.getSmtpPort(), "app@host.test", "known@config.test", "For IMAP", "hello");
    mail.client().awaitMessage(to("known@config.test").and(subject("For IMAP")), Duration.ofSeconds(10));
    Session session = FakeMailContainerIT.mailSession();

    try (Store imap = session.getStore("imap")) {
      imap.connect(mail.getHost(), mail.getImapPort(), "known@config.test", "secret");
      Folder inbox = imap.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.search(new SubjectTerm("For IMAP"))).hasSize(1);
      inbox.close(false);
    }
    try (Store imap = session.getStore("imap")) {
      assertThatThrownBy(() -> imap.connect(mail.getHost(), mail.getImapPort(), "known@config.test", "wrong"))
          .isInstanceOf(AuthenticationFailedException.class);
    }
  }

  @Test
  void unknownRecipientIsRejectedWith550OnceUsersAreDeclared() {
    SendFailedException e = catchThrowableOfType(SendFailedException.class,
        () -> Smtp.send(mail.getHost(), mail.getSmtpPort(), "app@host.test", "stranger@config.test", "Hi", "hello"));
    assertThat(e).as("sending to an undeclared user fails").isNotNull();
    assertThat(e.getNextException()).isInstanceOf(SMTPAddressFailedException.class);
    SMTPAddressFailedException rcpt = (SMTPAddressFailedException) e.getNextException();
    assertThat(rcpt.getReturnCode()).isEqualTo(550);
    assertThat(rcpt.getAddress().getAddress()).isEqualTo("stranger@config.test");
  }
}
