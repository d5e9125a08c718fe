package dev.fakemail.spring;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Without Spring Boot's auto-configuration: a plain Spring test context whose own configuration reads
 * the properties {@code @EnableFakeMail} sets (as a test slice that imports only some
 * configuration would).
 */
@SpringJUnitConfig(PlainSpringIT.MailConfig.class)
@EnableFakeMail(hostProperty = "app.mail.host", portProperty = "app.mail.port")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlainSpringIT {

  @Configuration
  static class MailConfig {
    @Bean
    JavaMailSender mailSender(@Value("${app.mail.host}") String host, @Value("${app.mail.port}") int port) {
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost(host);
      sender.setPort(port);
      return sender;
    }
  }

  @Test
  void theApplicationsOwnPropertiesPointAtTheServer(@Autowired JavaMailSender sender, @Autowired FakeMailServer mail) {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom("cron@app.test");
    message.setTo("ops@app.test");
    message.setSubject("Nightly report");
    message.setText("all green");
    sender.send(message);
    assertThat(mail.awaitMessages(to("ops@app.test"), 1, Duration.ofSeconds(10)).get(0).subject()).isEqualTo("Nightly report");
  }
}
