package dev.fakemail.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted send/expect conversation over a raw socket, for protocol tests: send a line, expect
 * the next line to start with a prefix. Input is buffered; a TLS upgrade checks that the server sent
 * nothing beyond its go-ahead.
 */
public final class Conversation implements AutoCloseable {
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private static final int TRANSCRIPT_LINES = 200;
  private final java.util.ArrayDeque<String> transcript = new java.util.ArrayDeque<>();

  private Conversation(Socket socket) throws IOException {
    use(socket);
    socket.setSoTimeout(10_000);
  }

  private void use(Socket s) throws IOException {
    this.socket = s;
    this.in = new java.io.BufferedInputStream(s.getInputStream());
    this.out = s.getOutputStream();
  }

  public static Conversation open(String host, int port) throws IOException {
    return new Conversation(new Socket(host, port));
  }

  /** Connects with implicit TLS. */
  public static Conversation openTls(SSLContext context, String host, int port) throws IOException {
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(host, port);
    s.startHandshake();
    return new Conversation(s);
  }

  /** Upgrades the connection to TLS (after the server said yes to STARTTLS/STLS). */
  public Conversation startTls(SSLContext context) throws IOException {
    assertThat(in.available()).as("octets the server sent after its TLS go-ahead").isZero();
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(socket, socket.getInetAddress().getHostAddress(),
        socket.getPort(), true);
    s.setUseClientMode(true);
    s.startHandshake();
    use(s);
    return this;
  }

  public boolean isTls() {
    return socket instanceof SSLSocket;
  }

  /** Sends a line with CRLF. */
  public Conversation send(String line) throws IOException {
    log("C: " + line);
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return this;
  }

  /** Sends bytes as they are. */
  public Conversation sendRaw(byte[] bytes) throws IOException {
    log("C: <" + bytes.length + " octets>");
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads the next line (without CRLF). */
  public String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("connection closed; transcript:\n" + String.join("\n", transcript));
      }
      if (c == '\n') {
        break;
      }
      b.write(c);
    }
    String s = b.toString(StandardCharsets.UTF_8);
    if (s.endsWith("\r")) {
      s = s.substring(0, s.length() - 1);
    }
    log("S: " + s);
    return s;
  }

  /** Reads exactly {@code n} octets. */
  public byte[] bytes(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException("connection closed");
    }
    log("S: <" + n + " octets>");
    return b;
  }

  /** Expects the next line to start with {@code prefix}; returns it. */
  public String expect(String prefix) throws IOException {
    String l = line();
    assertThat(l).as(() -> "reply to the last command; transcript:\n" + String.join("\n", transcript)).startsWith(prefix);
    return l;
  }

  /** Reads lines up to and including the one starting with {@code prefix}; returns them all. */
  public List<String> until(String prefix) throws IOException {
    List<String> lines = new ArrayList<>();
    while (true) {
      String l = line();
      lines.add(l);
      if (l.startsWith(prefix)) {
        return lines;
      }
    }
  }

  /** Reads a dot-terminated POP3 body; returns its lines, still byte-stuffed, without the final dot. */
  public List<String> dotBody() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String l = line(); !l.equals("."); l = line()) {
      lines.add(l);
    }
    return lines;
  }

  /** Whether the server closed the connection (end of stream is next). */
  public boolean closedByServer() throws IOException {
    return in.read() < 0;
  }

  private void log(String line) {
    transcript.addLast(line);
    if (transcript.size() > TRANSCRIPT_LINES) {
      transcript.removeFirst();
    }
  }

  /** The last lines sent and received. */
  public List<String> transcript() {
    return List.copyOf(transcript);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
