package dev.fakemail.junit5;

import dev.fakemail.core.FakeMailServer;
import jakarta.mail.MessagingException;

/** A base class that carries {@code @FakeMail} for the classes extending it ({@link InheritedIT}). */
@FakeMail(users = "alice@corp.test:secret")
abstract class InheritedMailTestBase {
  /** A helper the base class offers its subclasses, using the injected server. */
  static void sendToAlice(FakeMailServer mail, String subject) throws MessagingException {
    Mailer.to(mail.smtpPort()).send("app@corp.test", "alice@corp.test", subject, "from the base");
  }
}
