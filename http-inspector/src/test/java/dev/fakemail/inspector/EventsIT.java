package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /api/v1/events}: server-sent events, one per accepted message, with id and subject. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventsIT extends InspectorFixture {
  /** One parsed event: its name, id and data. */
  record Event(String name, String id, String data) {}

  /** Reads the stream on its own thread and hands over whole events. */
  static final class EventReader {
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final HttpResponse<Stream<String>> response;

    EventReader(HttpResponse<Stream<String>> response) {
      this.response = response;
      Thread t = new Thread(this::read, "sse-reader");
      t.setDaemon(true);
      t.start();
    }

    private void read() {
      String name = "message";
      String id = null;
      List<String> data = new ArrayList<>();
      try (Stream<String> lines = response.body()) {
        for (String line : (Iterable<String>) lines::iterator) {
          if (line.isEmpty()) {
            if (!data.isEmpty()) {
              events.add(new Event(name, id, String.join("\n", data)));
            }
            name = "message";
            id = null;
            data = new ArrayList<>();
          } else if (line.startsWith("event:")) {
            name = line.substring(6).trim();
          } else if (line.startsWith("id:")) {
            id = line.substring(3).trim();
          } else if (line.startsWith("data:")) {
            data.add(line.substring(5).trim());
          }
        }
      } catch (RuntimeException e) {
        // stream closed
      }
    }

    Event next() throws InterruptedException {
      Event e = events.poll(15, TimeUnit.SECONDS);
      assertThat(e).as("an event within 15s").isNotNull();
      return e;
    }

    /** The next event of this name; events of other names before it are passed over. */
    Event next(String name) throws InterruptedException {
      Event e = next();
      while (!e.name().equals(name)) {
        e = next();
      }
      return e;
    }
  }

  private EventReader subscribe() throws Exception {
    HttpResponse<Stream<String>> res = HttpClient.newHttpClient()
        .sendAsync(api.request("api/v1/events").timeout(Duration.ofSeconds(50)).GET().build(),
            HttpResponse.BodyHandlers.ofLines())
        .get(15, TimeUnit.SECONDS);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.contentType(res)).startsWith("text/event-stream");
    EventReader reader = new EventReader(res);
    assertThat(reader.next().name()).isEqualTo("ready");
    return reader;
  }

  @Test
  void eachAcceptedMessageIsAnEventWithItsIdAndSubject() throws Exception {
    EventReader reader = subscribe();

    smtp.text("alice@example.test", "bob@example.test", "Hello events", "x");
    smtp.text("alice@example.test", "bob@example.test", "Second", "x");

    Event first = reader.next("message");
    JsonNode data = Api.JSON.readTree(first.data());
    assertThat(data.get("subject").asText()).isEqualTo("Hello events");
    assertThat(data.get("id").asText()).isEqualTo(first.id());
    assertThat(mail.message(first.id())).isPresent();
    assertThat(data.get("to").get(0).asText()).isEqualTo("bob@example.test");
    Event second = reader.next("message");
    assertThat(Api.JSON.readTree(second.data()).get("subject").asText()).isEqualTo("Second");
  }

  @Test
  void everySubscriberGetsTheEvent() throws Exception {
    EventReader one = subscribe();
    EventReader two = subscribe();
    assertThat(http.eventSubscribers()).isEqualTo(2);

    smtp.text("alice@example.test", "bob@example.test", "Broadcast", "x");

    assertThat(Api.JSON.readTree(one.next("message").data()).get("subject").asText()).isEqualTo("Broadcast");
    assertThat(Api.JSON.readTree(two.next("message").data()).get("subject").asText()).isEqualTo("Broadcast");
  }

  @Test
  void purgeIsAClearedEvent() throws Exception {
    EventReader reader = subscribe();

    assertThat(api.delete("api/v1/messages").statusCode()).isEqualTo(204);

    assertThat(reader.next().name()).isEqualTo("cleared");
  }

  @Test
  void aSessionOpeningAndClosingAreSessionEvents() throws Exception {
    EventReader reader = subscribe();
    ImapDialog.run(mail.host(), mail.imapPort(), "a NOOP", "b LOGOUT");
    JsonNode last = Api.JSON.readTree(reader.next("session").data());
    assertThat(last.get("id").asText()).startsWith("imap-");
    assertThat(last.get("listener").asText()).isEqualTo("imap");
    while (!last.get("state").asText().equals("closed")) { // opened/active first when they came apart from the close
      assertThat(last.get("state").asText()).isIn("opened", "active");
      last = Api.JSON.readTree(reader.next("session").data());
    }
    assertThat(mail.sessions()).extracting(s -> s.id()).contains(last.get("id").asText());
  }

  @Test
  void aMailboxChangeIsAMailboxEventWithItsAddress() throws Exception {
    EventReader reader = subscribe();
    smtp.text("alice@example.test", "bob@example.test", "In the inbox", "x");
    assertThat(reader.next("message").name()).isEqualTo("message");
    assertThat(Api.JSON.readTree(reader.next("mailbox").data()).toString()).isEqualTo("{\"address\":\"bob@example.test\"}");

    ImapDialog.run(mail.host(), mail.imapPort(), "a LOGIN bob@example.test pw", "b SELECT INBOX",
        "c STORE 1 +FLAGS (\\Seen)", "d LOGOUT");
    assertThat(Api.JSON.readTree(reader.next("mailbox").data()).get("address").asText()).isEqualTo("bob@example.test");
  }
}
