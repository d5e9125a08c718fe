package dev.fakemail.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.Listener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A session's failure ends that session only: an exception or an Error (OutOfMemoryError included)
 * thrown while one session is handled, on the event loop or on a session thread, closes that
 * connection after the protocol's error reply, and the listener keeps accepting and serving. A
 * loop that dies anyway says so ({@link SocketListener#isServing()}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionFailureIT {

  /** An echo protocol whose command {@code OOM} throws OutOfMemoryError, {@code SOE} StackOverflowError, {@code NPE} an exception. */
  private static final class FailingEcho implements ProtocolHandler {
    private final boolean onLoop;
    /** Opens that fail with OutOfMemoryError before the session exists, as an allocation in the loop may. */
    final AtomicInteger failingOpens = new AtomicInteger();

    FailingEcho(boolean onLoop) {
      this.onLoop = onLoop;
    }

    static String answer(String line) {
      switch (line) {
        case "OOM" -> throw new OutOfMemoryError("injected: Java heap space");
        case "SOE" -> throw new StackOverflowError("injected");
        case "NPE" -> throw new NullPointerException("injected");
        default -> {
          return "+ " + line + "\r\n";
        }
      }
    }

    @Override
    public LoopSession openOnLoop(LoopConnection c) {
      if (failingOpens.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new OutOfMemoryError("injected: Java heap space (at open)");
      }
      if (!onLoop) {
        return null;
      }
      c.write("* hello\r\n");
      return new LoopSession() {
        @Override
        public void onInput(LoopConnection connection) throws IOException {
          for (String line = connection.readLine(100); line != null; line = connection.readLine(100)) {
            connection.write(answer(line));
          }
        }

        @Override
        public boolean waitingForCommand() {
          return true;
        }

        @Override
        public void ended() {}
      };
    }

    @Override
    public void serve(Connection c) throws IOException {
      c.write("* hello\r\n");
      c.flush();
      for (String line = c.readLine(100); line != null; line = c.readLine(100)) {
        c.write(answer(line));
        c.flush();
      }
    }

    @Override
    public String busyReply() {
      return "- busy\r\n";
    }

    @Override
    public String internalErrorReply() {
      return "- internal error\r\n";
    }

    @Override
    public String shutdownReply() {
      return "- bye\r\n";
    }
  }

  private static SocketListener listen(boolean onLoop) throws IOException {
    return listen(new FailingEcho(onLoop));
  }

  private static SocketListener listen(FailingEcho handler) throws IOException {
    return new SocketListener(Listener.SMTP, InetAddress.getLoopbackAddress(), 0, handler, null, 50,
        Duration.ofSeconds(30));
  }

  @Test
  void anErrorWhileTheLoopOpensASessionClosesThatConnectionOnly() throws IOException {
    FailingEcho handler = new FailingEcho(true);
    try (SocketListener listener = listen(handler)) {
      handler.failingOpens.set(3);
      for (int i = 0; i < 3; i++) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
          s.setSoTimeout(10_000);
          assertThat(s.getInputStream().read()).as("closed without a session").isEqualTo(-1);
        }
      }
      try (Client next = new Client(listener.port())) {
        assertThat(next.ask("next")).isEqualTo("+ next");
      }
      assertThat(listener.isServing()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0} on the loop: {1}")
  @ValueSource(strings = {"true OOM", "true SOE", "true NPE", "false OOM", "false SOE", "false NPE"})
  void aSessionsFailureEndsThatSessionOnly(String spec) throws IOException {
    boolean onLoop = Boolean.parseBoolean(spec.split(" ")[0]);
    String command = spec.split(" ")[1];
    try (SocketListener listener = listen(onLoop)) {
      try (Client bystander = new Client(listener.port())) {
        assertThat(bystander.ask("before")).isEqualTo("+ before");

        for (int i = 0; i < 3; i++) {
          try (Client victim = new Client(listener.port())) {
            assertThat(victim.ask(command)).isEqualTo("- internal error");
            assertThat(victim.in.readLine()).as("the failed session is closed").isNull();
          }
        }

        assertThat(bystander.ask("after")).as("the other session goes on").isEqualTo("+ after");
      }
      try (Client next = new Client(listener.port())) {
        assertThat(next.ask("next")).as("the listener still accepts").isEqualTo("+ next");
      }
      assertThat(listener.isServing()).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> listener.openConnections() == 0);
    }
  }

  @Test
  void aLoopThatDiesAnywaySaysSoAndClosesItsPort() throws IOException {
    try (SocketListener listener = listen(true)) {
      int port = listener.port();
      assertThat(listener.isServing()).isTrue();

      listener.failLoopForTest(new InternalError("killed by the test"));

      await().atMost(Duration.ofSeconds(10)).until(() -> !listener.isServing());
      assertThat(listener.failure()).hasMessage("killed by the test");
      await().atMost(Duration.ofSeconds(10)).until(() -> refused(port));
    }
  }

  private static boolean refused(int port) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return false;
    } catch (ConnectException e) {
      return true;
    }
  }

  private static final class Client implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;

    Client(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(10_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("* hello");
    }

    String ask(String line) throws IOException {
      socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return in.readLine();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
