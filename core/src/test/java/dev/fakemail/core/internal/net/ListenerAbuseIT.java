package dev.fakemail.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Abuse of every listener over a raw socket: over-long lines, binary garbage, the wrong kind of
 * handshake, slow-drip clients. Each ends in an error reply or a close within seconds, never a hang:
 * every read is bounded by a socket timeout, and a timeout fails the test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ListenerAbuseIT {
  private static final int READ_TIMEOUT_MILLIS = 10_000;
  private static FakeMailServer server;

  @BeforeAll
  static void start() {
    server = FakeMailServer.builder().listeners(Listener.values()).idleTimeout(Duration.ofSeconds(1)).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(Listener.class)
  void aHundredKilobyteCommandLineGetsAnErrorOrAClose(Listener listener) throws IOException {
    try (Raw raw = Raw.open(listener)) {
      raw.expectGreeting();
      raw.sendQuietly(("a1 NOOP " + "x".repeat(100 * 1024) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      Outcome outcome = raw.errorOrClose();
      assertThat(outcome).isIn(Outcome.ERROR, Outcome.CLOSED);
      if (outcome == Outcome.ERROR) {
        // The rest of the line was not read as commands: the session answers a valid one, or has closed.
        raw.sendQuietly(raw.noop());
        assertThat(raw.nextReplyOrClose()).isIn(Outcome.OK, Outcome.CLOSED);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Listener.class)
  void nulBytesAndBinaryGarbageGetErrorsAndThenAClose(Listener listener) throws IOException {
    try (Raw raw = Raw.open(listener)) {
      raw.expectGreeting();
      ByteArrayOutputStream garbage = new ByteArrayOutputStream();
      for (int line = 0; line < 30; line++) {
        garbage.write(new byte[] {'g', (byte) ('0' + line % 10), ' ', 0, 0});
        for (int b = 0; b < 256; b++) {
          if (b != '\r' && b != '\n' && b != '{' && b != '}') {
            garbage.write(b);
          }
        }
        garbage.write(0);
        garbage.write('\r');
        garbage.write('\n');
      }
      raw.sendQuietly(garbage.toByteArray());
      assertThat(raw.errorOrClose()).isIn(Outcome.ERROR, Outcome.CLOSED);
      raw.expectCloseAfterAnyReplies();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Listener.class, names = {"SMTP", "SUBMISSION", "POP3", "IMAP"})
  void aTlsClientHelloOnAPlaintextPortGetsAnErrorOrAClose(Listener listener) throws Exception {
    try (Raw raw = Raw.open(listener)) {
      raw.expectGreeting();
      raw.sendQuietly(clientHello());
      assertThat(raw.errorOrClose()).isIn(Outcome.ERROR, Outcome.CLOSED);
      raw.expectCloseAfterAnyReplies();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Listener.class, names = {"SMTPS", "POP3S", "IMAPS"})
  void plaintextOnAnImplicitTlsPortIsClosed(Listener listener) throws IOException {
    try (Socket s = new Socket(server.host(), server.port(listener))) {
      s.setSoTimeout(READ_TIMEOUT_MILLIS);
      try {
        s.getOutputStream().write("EHLO client.test\r\nUSER a\r\na1 CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
      } catch (SocketException closedAlready) {
        // the server hung up while we wrote: closed, as expected
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try {
        for (int b = in.read(); b >= 0; b = in.read()) {
          got.write(b); // at most a TLS alert record
        }
      } catch (SocketTimeoutException e) {
        fail(listener + " kept a plaintext client open for " + READ_TIMEOUT_MILLIS + " ms");
      } catch (SocketException reset) {
        // reset: closed
      }
      assertThat(new String(got.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("220", "+OK", "* OK");
    }
  }

  @ParameterizedTest
  @EnumSource(Listener.class)
  void aClientDrippingOneOctetEvery300MillisIsTimedOut(Listener listener) throws IOException {
    try (Raw raw = Raw.open(listener)) {
      raw.expectGreeting();
      ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
      try {
        OutputStream out = raw.socket.getOutputStream();
        drip.scheduleAtFixedRate(() -> {
          try {
            out.write('x');
            out.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e); // closed by the server: stop dripping
          }
        }, 0, 300, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        raw.expectCloseAfterAnyReplies();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
      } finally {
        drip.shutdownNow();
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aTwoMegabyteDataLineIsStoredOrRefusedBySizeAndTheSessionGoesOn() throws IOException {
    byte[] line = ("Subject: long line\r\n\r\n" + "y".repeat(2 * 1024 * 1024) + "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII);
    try (FakeMailServer small = FakeMailServer.builder().listeners(Listener.SMTP).maxMessageSize(1024 * 1024).start();
         Socket s = new Socket(small.host(), small.smtpPort())) {
      s.setSoTimeout(READ_TIMEOUT_MILLIS);
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      assertThat(in.readLine()).startsWith("220 ");
      out.write("HELO c\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(List.of(in.readLine(), in.readLine(), in.readLine(), in.readLine()))
          .extracting(l -> l.substring(0, 4)).containsExactly("250 ", "250 ", "250 ", "354 ");
      out.write(line);
      out.flush();
      assertThat(in.readLine()).startsWith("552 5.3.4");
      out.write("MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(List.of(in.readLine(), in.readLine(), in.readLine())).extracting(l -> l.substring(0, 4))
          .containsExactly("250 ", "250 ", "354 ");
      out.write("Subject: short\r\n\r\nok\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("250 ");
      assertThat(small.messages(dev.fakemail.core.MessageFilter.any())).extracting(m -> m.subject()).containsExactly("short");
    }
    try (Raw raw = Raw.open(Listener.SMTP)) {
      raw.expectGreeting();
      raw.sendQuietly("HELO c\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<long@y.test>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 4; i++) {
        assertThat(raw.nextReplyOrClose()).isEqualTo(Outcome.OK);
      }
      raw.sendQuietly(line);
      assertThat(raw.nextReplyOrClose()).isEqualTo(Outcome.OK);
      assertThat(server.awaitMessage(dev.fakemail.core.MessageFilter.to("long@y.test")).raw().length).isGreaterThan(2 * 1024 * 1024);
    }
  }

  /** The first flight of a TLS client, as a confused client would send it to a plaintext port. */
  private static byte[] clientHello() throws Exception {
    SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 25);
    engine.setUseClientMode(true);
    engine.beginHandshake();
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), out);
    out.flip();
    byte[] hello = new byte[out.remaining()];
    out.get(hello);
    assertThat(hello[0]).as("TLS handshake record").isEqualTo((byte) 0x16);
    return hello;
  }

  enum Outcome { OK, ERROR, CLOSED }

  /** A raw client: writes octets, reads lines, every read bounded by the socket timeout. */
  private static final class Raw implements AutoCloseable {
    private final Listener listener;
    private final Socket socket;
    private final InputStream in;

    private Raw(Listener listener, Socket socket) throws IOException {
      this.listener = listener;
      this.socket = socket;
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      this.in = new java.io.BufferedInputStream(socket.getInputStream());
    }

    static Raw open(Listener listener) throws IOException {
      int port = server.port(listener);
      if (listener.implicitTls()) {
        SSLSocket s = (SSLSocket) server.tls().clientSocketFactory().createSocket(server.host(), port);
        s.startHandshake();
        return new Raw(listener, s);
      }
      return new Raw(listener, new Socket(server.host(), port));
    }

    byte[] noop() {
      String line = switch (listener.protocol()) {
        case SMTP -> "NOOP\r\n";
        case POP3 -> "CAPA\r\n";
        case IMAP -> "a2 NOOP\r\n";
      };
      return line.getBytes(StandardCharsets.US_ASCII);
    }

    void expectGreeting() throws IOException {
      String line = readLine();
      assertThat(line).as(listener + " greeting").isNotNull();
      assertThat(classify(line)).as(listener + " greeting: " + line).isEqualTo(Outcome.OK);
      // SMTP greetings and IMAP capability lines may continue; the classification reads on as needed.
    }

    /** Writes; a server that hangs up while we write is fine (the reads will see the close). */
    void sendQuietly(byte[] octets) {
      try {
        OutputStream out = socket.getOutputStream();
        out.write(octets);
        out.flush();
      } catch (IOException closed) {
        // closed by the server
      }
    }

    /** Reads replies until an error reply or the close; a positive reply to the abuse fails. */
    Outcome errorOrClose() {
      while (true) {
        Outcome o = nextReplyOrClose();
        if (o != Outcome.OK) {
          return o;
        }
        fail(listener + " answered the abuse with a positive reply");
      }
    }

    /** The status of the next final reply line, or CLOSED. */
    Outcome nextReplyOrClose() {
      while (true) {
        String line;
        try {
          line = readLine();
        } catch (SocketTimeoutException e) {
          throw new AssertionError(listener + " neither answered nor closed within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException reset) {
          return Outcome.CLOSED;
        }
        if (line == null) {
          return Outcome.CLOSED;
        }
        Outcome o = classify(line);
        if (o != null) {
          return o;
        }
      }
    }

    /** Reads whatever replies come (errors, a farewell), then the end of stream. */
    void expectCloseAfterAnyReplies() {
      List<String> seen = new ArrayList<>();
      while (true) {
        String line;
        try {
          line = readLine();
        } catch (SocketTimeoutException e) {
          throw new AssertionError(listener + " did not close within " + READ_TIMEOUT_MILLIS + " ms; saw " + seen, e);
        } catch (IOException reset) {
          return;
        }
        if (line == null) {
          return;
        }
        if (seen.size() < 50) {
          seen.add(line.length() > 80 ? line.substring(0, 80) : line);
        }
      }
    }

    /** OK, ERROR, or null for a line that is not a final status (continuations, untagged data). */
    private Outcome classify(String line) {
      switch (listener.protocol()) {
        case SMTP:
          if (line.length() < 4 || line.charAt(3) == '-') {
            return null;
          }
          return line.charAt(0) == '2' || line.charAt(0) == '3' ? Outcome.OK : Outcome.ERROR;
        case POP3:
          return line.startsWith("+OK") ? Outcome.OK : line.startsWith("-ERR") ? Outcome.ERROR : null;
        default:
          if (line.startsWith("* OK") && !seenImapGreeting) {
            seenImapGreeting = true;
            return Outcome.OK;
          }
          if (line.startsWith("* BYE")) {
            return Outcome.ERROR;
          }
          if (line.startsWith("*") || line.startsWith("+")) {
            return null;
          }
          String[] words = line.split(" ", 3);
          if (words.length < 2) {
            return null;
          }
          return words[1].equals("OK") ? Outcome.OK : words[1].equals("BAD") || words[1].equals("NO") ? Outcome.ERROR : null;
      }
    }

    private boolean seenImapGreeting;

    private String readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); ; b = in.read()) {
        if (b < 0) {
          return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }
        if (b == '\n') {
          String s = line.toString(StandardCharsets.ISO_8859_1);
          return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
        line.write(b);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
