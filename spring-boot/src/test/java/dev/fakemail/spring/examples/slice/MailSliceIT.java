package dev.fakemail.spring.examples.slice;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.spring.EnableFakeMail;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.ClassUtils;

/**
 * A test slice (here {@code @JsonTest}, which loads no mail configuration of its own) that imports
 * Spring Boot's mail auto-configuration: {@code @EnableFakeMail} sets {@code spring.mail.*} before
 * the slice's context starts, so the auto-configured {@link JavaMailSender} sends to fakemail. The
 * server is also a plain test-method parameter, without {@code @Autowired}.
 */
@JsonTest
@Import({MailSliceIT.MailAutoConfiguration.class, MailSliceIT.ReportMailer.class})
@EnableFakeMail
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MailSliceIT {

  /** The slice's application: nothing of its own, as a real one contributes nothing mail-related. */
  @SpringBootConfiguration
  static class SliceApplication {}

  /** Spring Boot's mail auto-configuration, wherever this Boot line keeps it (3.x and 4.x differ). */
  static class MailAutoConfiguration implements ImportSelector {
    @Override
    public String[] selectImports(AnnotationMetadata metadata) {
      return Arrays.stream(new String[] {
              "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration", // Boot 4
              "org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration"}) // Boot 3
          .filter(name -> ClassUtils.isPresent(name, MailSliceIT.class.getClassLoader()))
          .limit(1).toArray(String[]::new);
    }
  }

  /** The application code under test: sends a report through whatever sender the context has. */
  static class ReportMailer {
    private final JavaMailSender sender;

    ReportMailer(JavaMailSender sender) {
      this.sender = sender;
    }

    void send(String to, String subject) {
      SimpleMailMessage m = new SimpleMailMessage();
      m.setFrom("reports@app.test");
      m.setTo(to);
      m.setSubject(subject);
      m.setText("all green");
      sender.send(m);
    }
  }

  @Test
  void theSlicesAutoConfiguredSenderSendsToFakemail(@Autowired ReportMailer mailer, FakeMailServer mail) {
    mailer.send("ops@app.test", "Weekly report");
    ReceivedMessage m = mail.awaitMessage(to("ops@app.test"));
    assertThat(m.subject()).isEqualTo("Weekly report");
    assertThat(m.text()).contains("all green");
  }

  @Test
  void theParameterIsTheContextsServer(FakeMailServer mail, @Autowired ApplicationContext context) {
    assertThat(mail).isSameAs(context.getBean(FakeMailServer.class));
  }
}
