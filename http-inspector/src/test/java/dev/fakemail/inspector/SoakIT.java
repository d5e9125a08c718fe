package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing lost under concurrency: SMTP clients send in parallel while IMAP and REST readers poll;
 * afterwards every message that got {@code 250} is in the store exactly once, and IMAP, POP3 and
 * REST each see every one of them, mailbox by mailbox.
 *
 * <p>The default build runs a short form (8 clients × 50 messages). The long form, 32 × 500, is the
 * {@code soak} profile: {@code mvn -pl http-inspector -am verify -Psoak}.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class SoakIT {
  private static final int CLIENTS = Integer.getInteger("soak.clients", 8);
  private static final int MESSAGES = Integer.getInteger("soak.messages", 50);
  private static final Pattern SUBJECT = Pattern.compile("Subject: (soak c\\d+ m\\d+)");

  @Test
  void everyMessageThatGot250IsStoredOnceAndSeenByImapPop3AndRest() throws Exception {
    try (FakeMailServer mail = FakeMailServer.builder().listeners(Listener.SMTP, Listener.IMAP, Listener.POP3).start();
         FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      Api api = new Api(http.baseUri());
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 2);
      Set<String> accepted = ConcurrentHashMap.newKeySet();
      AtomicBoolean sending = new AtomicBoolean(true);
      CountDownLatch readersPolled = new CountDownLatch(2); // the senders start once each reader has polled once
      try {
        List<Future<?>> senders = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          senders.add(pool.submit(() -> {
            assertThat(readersPolled.await(60, TimeUnit.SECONDS)).as("readers started").isTrue();
            send(mail, client, accepted);
            return null;
          }));
        }
        Future<?> imapReader = pool.submit(() -> {
          int c = 0;
          do {
            imapSubjects(mail, mailbox(c++ % CLIENTS));
            readersPolled.countDown();
          } while (sending.get());
          return null;
        });
        Future<?> restReader = pool.submit(() -> {
          do {
            assertThat(api.get("api/v1/messages?limit=20&order=desc").statusCode()).isEqualTo(200);
            readersPolled.countDown();
          } while (sending.get());
          return null;
        });
        for (Future<?> f : senders) {
          f.get();
        }
        sending.set(false);
        imapReader.get();
        restReader.get();
      } finally {
        pool.shutdownNow();
      }
      assertThat(accepted).hasSize(CLIENTS * MESSAGES);

      List<ReceivedMessage> stored = mail.messages(MessageFilter.any());
      Map<String, Long> perSubject = stored.stream().collect(Collectors.groupingBy(ReceivedMessage::subject, Collectors.counting()));
      assertThat(perSubject.keySet()).isEqualTo(accepted);
      assertThat(perSubject.values()).allMatch(n -> n == 1);

      for (int c = 0; c < CLIENTS; c++) {
        String box = mailbox(c);
        String prefix = "soak c" + c + " ";
        Set<String> expected = accepted.stream().filter(s -> s.startsWith(prefix)).collect(Collectors.toSet());
        assertThat(expected).hasSize(MESSAGES);
        assertThat(imapSubjects(mail, box)).as("IMAP " + box).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pop3Count(mail, box)).as("POP3 " + box).isEqualTo(MESSAGES);
        JsonNode list = Api.json(api.get("api/v1/messages?to=" + box));
        assertThat(list.get("total").asInt()).as("REST " + box).isEqualTo(MESSAGES);
        Set<String> rest = new java.util.HashSet<>();
        list.get("messages").forEach(m -> rest.add(m.get("subject").asText()));
        assertThat(rest).as("REST " + box).isEqualTo(expected);
      }
    }
  }

  private static String mailbox(int client) {
    return "c" + client + "@soak.test";
  }

  /** One SMTP session per client; records the subject of every message answered with 250. */
  private static void send(FakeMailServer mail, int client, Set<String> accepted) throws IOException {
    try (Line s = new Line(mail.host(), mail.smtpPort())) {
      assertThat(s.reply()).startsWith("220 ");
      assertThat(s.command("EHLO soak.test")).startsWith("250 ");
      for (int m = 0; m < MESSAGES; m++) {
        String subject = "soak c" + client + " m" + m;
        assertThat(s.command("MAIL FROM:<sender" + client + "@soak.test>")).startsWith("250 ");
        assertThat(s.command("RCPT TO:<" + mailbox(client) + ">")).startsWith("250 ");
        assertThat(s.command("DATA")).startsWith("354 ");
        String reply = s.command("Subject: " + subject + "\r\nX-Client: " + client + "\r\n\r\nbody " + m + "\r\n.");
        if (reply.startsWith("250 ")) {
          accepted.add(subject);
        }
      }
      s.command("QUIT");
    }
  }

  /** The subjects of all messages in a mailbox's INBOX, fetched over IMAP. */
  private static List<String> imapSubjects(FakeMailServer mail, String box) throws IOException {
    try (Line s = new Line(mail.host(), mail.imapPort())) {
      assertThat(s.line()).startsWith("* OK");
      assertThat(s.imap("a LOGIN " + box + " x").get(0)).startsWith("a OK");
      List<String> select = s.imap("b SELECT INBOX");
      assertThat(select.get(select.size() - 1)).startsWith("b OK");
      boolean empty = select.contains("* 0 EXISTS");
      List<String> subjects = new ArrayList<>();
      if (!empty) {
        List<String> fetched = s.imap("c FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
        assertThat(fetched.get(fetched.size() - 1)).startsWith("c OK");
        for (String l : fetched) {
          Matcher m = SUBJECT.matcher(l);
          if (m.find()) {
            subjects.add(m.group(1));
          }
        }
      }
      s.imap("z LOGOUT");
      return subjects;
    }
  }

  /** STAT over POP3, after checking that the last message can be retrieved. */
  private static int pop3Count(FakeMailServer mail, String box) throws IOException {
    try (Line s = new Line(mail.host(), mail.pop3Port())) {
      assertThat(s.line()).startsWith("+OK");
      assertThat(s.command("USER " + box)).startsWith("+OK");
      assertThat(s.command("PASS x")).startsWith("+OK");
      String stat = s.command("STAT");
      assertThat(stat).startsWith("+OK ");
      int count = Integer.parseInt(stat.split(" ")[1]);
      assertThat(s.command("RETR " + count)).startsWith("+OK");
      StringBuilder body = new StringBuilder();
      for (String l = s.line(); !l.equals("."); l = s.line()) {
        body.append(l).append('\n');
      }
      assertThat(body).contains("Subject: soak c");
      s.command("QUIT");
      return count;
    }
  }

  /** A line-oriented client with a read timeout, so a stuck server fails the test. */
  private static final class Line implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    Line(String host, int port) throws IOException {
      socket = new Socket(host, port);
      socket.setSoTimeout(30_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
    }

    String line() throws IOException {
      String l = in.readLine();
      if (l == null) {
        throw new IOException("connection closed");
      }
      return l;
    }

    /** An SMTP reply (its last line) or a POP3 status line. */
    String reply() throws IOException {
      String l;
      do {
        l = line();
      } while (l.length() > 3 && l.charAt(3) == '-' && Character.isDigit(l.charAt(0)));
      return l;
    }

    String command(String text) throws IOException {
      out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return reply();
    }

    /** Sends a tagged IMAP command; returns every line up to and including the tagged one. */
    List<String> imap(String command) throws IOException {
      out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String tag = command.substring(0, command.indexOf(' ') + 1);
      List<String> lines = new ArrayList<>();
      String l;
      do {
        l = line();
        lines.add(l);
      } while (!l.startsWith(tag));
      return lines;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
