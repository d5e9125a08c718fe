package dev.fakemail.spring.examples.imapidle;

import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.mail.dsl.Mail;

/**
 * An application that reads its support inbox with Spring Integration: an IMAP IDLE inbound adapter
 * whose flow hands every new message to {@link #received()}. Its settings are its own properties
 * ({@code app.inbox.*}), as a real application's would be.
 */
@SpringBootApplication
public class InboxApplication {
  private final BlockingQueue<MimeMessage> received = new LinkedBlockingQueue<>();

  @Bean
  BlockingQueue<MimeMessage> received() {
    return received;
  }

  @Bean
  IntegrationFlow inbox(@Value("${app.inbox.host}") String host, @Value("${app.inbox.port}") int port,
                        @Value("${app.inbox.user}") String user, @Value("${app.inbox.password}") String password) {
    String url = "imap://" + URLEncoder.encode(user, StandardCharsets.UTF_8) + ":"
        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + host + ":" + port + "/INBOX";
    return IntegrationFlow.from(Mail.imapIdleAdapter(url)
            .shouldDeleteMessages(false)
            .shouldMarkMessagesAsRead(true)
            .autoStartup(true))
        .handle(message -> received.add((MimeMessage) message.getPayload()))
        .get();
  }
}
