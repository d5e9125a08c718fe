package dev.fakemail.inspector.internal.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.concurrent.CompletableFuture;

/** The one Jackson configuration of the wire format, shared by the server and the client. */
public final class JsonMapper {
  private JsonMapper() {}

  /**
   * The server side's one mapper (a configured {@link ObjectMapper} is thread-safe), made on a
   * thread of its own at its first mention: Jackson's first mapper loads some 500 classes (~200 ms
   * in a cold JVM), which need not delay the listeners. Whoever needs it first waits for it.
   */
  public static CompletableFuture<ObjectMapper> shared() {
    return Shared.MAPPER;
  }

  private static final class Shared {
    static final CompletableFuture<ObjectMapper> MAPPER = CompletableFuture.supplyAsync(JsonMapper::create, r -> {
      Thread t = new Thread(r, "fakemail-json-init");
      t.setDaemon(true);
      t.start();
    });
  }

  /** A new mapper: ISO-8601 instants, unknown properties ignored (the API may grow fields). */
  public static ObjectMapper create() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  }
}
