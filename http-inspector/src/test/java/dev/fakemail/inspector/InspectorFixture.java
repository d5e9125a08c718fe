package dev.fakemail.inspector;

import dev.fakemail.core.FakeMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the API tests: a mail server and its HTTP inspector for each test, the REST helper
 * and an SMTP sender. A class that needs a configured server overrides {@link #startMail()}.
 */
abstract class InspectorFixture {
  protected FakeMailServer mail;
  protected FakeMailHttpServer http;
  protected Api api;
  protected TestMail smtp;

  protected FakeMailServer startMail() {
    return FakeMailServer.start();
  }

  @BeforeEach
  void startServers() {
    mail = startMail();
    http = FakeMailHttpServer.start(mail);
    api = new Api(http.baseUri());
    smtp = new TestMail(mail.host(), mail.smtpPort());
  }

  @AfterEach
  void stopServers() {
    http.close();
    mail.close();
  }
}
