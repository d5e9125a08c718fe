package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import jakarta.mail.MessagingException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A team's own annotation, annotated with {@code @FakeMail}, works like {@code @FakeMail} itself. */
@MetaAnnotationIT.CorpMail
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MetaAnnotationIT {

  @Target({ElementType.TYPE, ElementType.METHOD})
  @Retention(RetentionPolicy.RUNTIME)
  @FakeMail(listeners = {Listener.SMTP, Listener.SUBMISSION}, users = "alice@corp.test:secret", authRequired = true)
  @interface CorpMail {}

  @Test
  void settingsOfTheMetaAnnotationApply(FakeMailServer mail, @SubmissionPort int submission) throws Exception {
    assertThat(mail.ports()).containsOnlyKeys(Listener.SMTP, Listener.SUBMISSION);
    assertThrows(MessagingException.class,
        () -> Mailer.to(submission).send("alice@corp.test", "alice@corp.test", "no auth", "x"),
        "authRequired: MAIL without AUTH is refused on submission");

    Mailer.to(submission).login("alice@corp.test", "secret").send("alice@corp.test", "alice@corp.test", "Authed", "x");
    assertThat(mail.awaitMessage(to("alice@corp.test")).session().authUser()).isEqualTo("alice@corp.test");
  }

  @Test
  @CorpMail
  void metaAnnotationOnAMethodStartsAServerForThatTest(FakeMailServer mail) {
    assertThat(mail.ports()).containsOnlyKeys(Listener.SMTP, Listener.SUBMISSION);
    assertThat(mail.messages()).isEmpty();
  }
}
