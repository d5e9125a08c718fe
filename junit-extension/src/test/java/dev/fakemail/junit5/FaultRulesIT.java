package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fakemail.core.FakeMailFault;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import jakarta.mail.MessagingException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** {@code @FakeMailFault}: class rules for every test, method rules for one test, checked over real SMTP. */
@FakeMail
@FakeMailFault(stage = Fault.Stage.RCPT, to = "gone@example.test", reply = "550 5.1.1 gone")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultRulesIT {

  /** The full text of an Angus Mail failure, with its chained exceptions (where the server's reply is). */
  static String describe(MessagingException e) {
    StringBuilder sb = new StringBuilder();
    for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
      sb.append(x.getMessage()).append(" | ");
    }
    return sb.toString();
  }

  @Test
  @Order(1)
  void classRuleRejectsThatRecipientOnly(FakeMailServer mail) throws Exception {
    MessagingException e = assertThrows(MessagingException.class,
        () -> Mailer.to(mail.smtpPort()).send("app@example.test", "gone@example.test", "x", "y"));
    assertThat(describe(e)).contains("550 5.1.1 gone");

    Mailer.to(mail.smtpPort()).send("app@example.test", "bob@example.test", "Hi", "y");
    assertThat(mail.awaitMessage(to("bob@example.test")).subject()).isEqualTo("Hi");
  }

  @Test
  @Order(2)
  @FakeMailFault(stage = Fault.Stage.MAIL, from = "spammer@example.test", reply = "554 5.7.1 no thanks")
  void methodRuleAddsToTheClassRuleForThisTest(FakeMailServer mail) {
    assertThat(mail.faults().list()).extracting(Fault::stage).containsExactlyInAnyOrder(Fault.Stage.RCPT, Fault.Stage.MAIL);
    MessagingException e = assertThrows(MessagingException.class,
        () -> Mailer.to(mail.smtpPort()).send("spammer@example.test", "bob@example.test", "x", "y"));
    assertThat(describe(e)).contains("554 5.7.1 no thanks");
  }

  @Test
  @Order(3)
  void nextTestHasTheClassRuleBackAndNotTheMethodRule(FakeMailServer mail) throws Exception {
    assertThat(mail.faults().list()).extracting(Fault::stage).containsExactly(Fault.Stage.RCPT);
    Mailer.to(mail.smtpPort()).send("spammer@example.test", "bob@example.test", "Allowed", "y");
    assertThat(mail.awaitMessage(to("bob@example.test")).subject()).isEqualTo("Allowed");
    assertThrows(MessagingException.class,
        () -> Mailer.to(mail.smtpPort()).send("app@example.test", "gone@example.test", "x", "y"));
  }

  @Nested
  @FakeMailFault(stage = Fault.Stage.DATA, action = Fault.Action.DISCONNECT)
  class WithItsOwnRules {
    @Test
    void nestedClassRulesApplyBesideTheEnclosingOnes(FakeMailServer mail) {
      assertThat(mail.faults().list()).extracting(Fault::stage).containsExactlyInAnyOrder(Fault.Stage.RCPT, Fault.Stage.DATA);
      assertThrows(MessagingException.class,
          () -> Mailer.to(mail.smtpPort()).send("app@example.test", "bob@example.test", "cut", "y"));
      assertThat(mail.messages()).isEmpty();
    }
  }
}
