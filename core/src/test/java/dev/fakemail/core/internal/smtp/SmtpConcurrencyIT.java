package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many clients at once: every message that got 250 is stored exactly once, with a unique id. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SmtpConcurrencyIT {
  private static final int CLIENTS = 32;
  private static final int MESSAGES_PER_CLIENT = 100;

  @Test
  void thirtyTwoClientsSendingAHundredMessagesEachLeaveExactly3200Messages() throws Exception {
    try (FakeMailServer server = FakeMailServer.builder().listeners(Listener.SMTP).start()) {
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<String>>> results = new ArrayList<>();
      try {
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          results.add(pool.submit(() -> {
            go.await();
            return sendAll(server, client);
          }));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<List<String>> f : results) {
          List<String> clientIds = f.get(100, TimeUnit.SECONDS);
          assertThat(clientIds).hasSize(MESSAGES_PER_CLIENT);
          ids.addAll(clientIds);
        }
        assertThat(ids).hasSize(CLIENTS * MESSAGES_PER_CLIENT);
        List<ReceivedMessage> stored = server.messages(MessageFilter.any());
        assertThat(stored).hasSize(CLIENTS * MESSAGES_PER_CLIENT);
        assertThat(stored).extracting(ReceivedMessage::id).containsExactlyInAnyOrderElementsOf(ids);
        for (int c = 0; c < CLIENTS; c++) {
          String prefix = "client " + c + " message ";
          List<ReceivedMessage> mine = server.messages(MessageFilter.to("client" + c + "@y.test"));
          assertThat(mine).hasSize(MESSAGES_PER_CLIENT);
          assertThat(mine).extracting(ReceivedMessage::subject).doesNotHaveDuplicates()
              .allMatch(s -> s.startsWith(prefix));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** One session per client, one transaction per message; returns the ids from the 250 replies. */
  private static List<String> sendAll(FakeMailServer server, int client) {
    List<String> ids = new ArrayList<>();
    try (SmtpConversation smtp = SmtpConversation.connect(server.host(), server.smtpPort())) {
      smtp.greetAndEhlo();
      for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
        smtp.sendExpect("MAIL FROM:<sender" + client + "@x.test>", "250 ")
            .sendExpect("RCPT TO:<client" + client + "@y.test>", "250 ")
            .sendExpect("DATA", "354 ")
            .sendRaw("Subject: client " + client + " message " + i + "\r\n\r\nbody " + i + "\r\n.\r\n");
        String reply = smtp.reply();
        assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
        ids.add(reply.substring("250 2.0.0 Ok: queued as ".length()));
      }
      smtp.sendExpect("QUIT", "221 ");
    }
    return ids;
  }
}
