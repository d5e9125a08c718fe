package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The scripted send/expect fixture for SMTP conversations over a raw socket (after SubEthaSMTP's
 * {@code ServerTestCase}): {@code send} writes exactly what it is given plus CRLF, {@code sendRaw}
 * writes octets as they are, {@code expect} reads one whole reply (all its continuation lines) and
 * checks how it starts. Every read is bounded by a socket timeout, so a silent server fails the test
 * instead of hanging it.
 */
final class SmtpConversation implements AutoCloseable {
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;

  private SmtpConversation(String host, int port, Socket socket) throws IOException {
    this.host = host;
    this.port = port;
    use(socket);
  }

  /** Connects in plaintext; the greeting is not read yet. */
  static SmtpConversation connect(String host, int port) {
    try {
      return new SmtpConversation(host, port, new Socket(host, port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Connects with TLS from the first octet (SMTPS); the greeting is not read yet. */
  static SmtpConversation connectTls(String host, int port, SSLSocketFactory factory) {
    try {
      SSLSocket s = (SSLSocket) factory.createSocket(host, port);
      s.startHandshake();
      return new SmtpConversation(host, port, s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void use(Socket s) throws IOException {
    socket = s;
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  Socket socket() {
    return socket;
  }

  /** Reads the greeting and says EHLO; expects both to succeed. */
  SmtpConversation greetAndEhlo() {
    expect("220 ");
    return send("EHLO client.test").expect("250 ");
  }

  /** Writes the line and CRLF. */
  SmtpConversation send(String line) {
    return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the text's UTF-8 octets as they are, in one write. */
  SmtpConversation sendRaw(String text) {
    return sendRaw(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the octets as they are, in one write. */
  SmtpConversation sendRaw(byte[] octets) {
    try {
      out.write(octets);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Reads one reply and asserts that it starts with {@code prefix} (its last line, for a multi-line reply). */
  SmtpConversation expect(String prefix) {
    List<String> lines = replyLines();
    String last = lines.get(lines.size() - 1);
    if (!last.startsWith(prefix)) {
      fail("expected a reply starting with \"" + prefix + "\" but got " + lines);
    }
    return this;
  }

  /** Sends a line and expects the reply to start with {@code prefix}. */
  SmtpConversation sendExpect(String line, String prefix) {
    return send(line).expect(prefix);
  }

  /** Reads one whole reply: every line up to the one with a space after the code. */
  List<String> replyLines() {
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = readLine();
      if (line == null) {
        fail("connection closed; reply so far " + lines);
      }
      lines.add(line);
      if (line.length() < 4 || line.charAt(3) != '-') {
        return lines;
      }
    }
  }

  /** One reply as text, lines joined with a newline. */
  String reply() {
    return String.join("\n", replyLines());
  }

  /** The octets that came in one read from the socket (nothing may be buffered before). */
  String readOnce() {
    assertThat(limit - pos).as("octets already buffered").isZero();
    try {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        fail("connection closed");
      }
      return new String(buf, 0, n, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that the server closed the connection (end of stream or a reset) before sending anything more. */
  void expectClosed() {
    String extra = readLine();
    if (extra != null) {
      fail("expected the connection to be closed but got \"" + extra + "\"");
    }
  }

  /** Reads and drops whatever comes until the server closes the connection. */
  void expectEndOfStream() {
    pos = limit;
    try {
      while (in.read(buf, 0, buf.length) >= 0) {
        // drop it
      }
    } catch (SocketException e) {
      // reset by the server: closed as well
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Upgrades to TLS in place, as a client does after the 220 to STARTTLS. */
  SmtpConversation startTls(SSLSocketFactory factory) {
    assertThat(limit - pos).as("octets received in plaintext after the 220").isZero();
    try {
      SSLSocket s = (SSLSocket) factory.createSocket(socket, host, port, true);
      s.setUseClientMode(true);
      s.startHandshake();
      use(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Reads a line without its CRLF; null at end of stream or when the peer reset the connection. */
  private String readLine() {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    while (true) {
      if (pos >= limit) {
        int n;
        try {
          n = in.read(buf, 0, buf.length);
        } catch (SocketException e) {
          n = -1; // reset by the server
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (n < 0) {
          if (line.size() > 0) {
            fail("connection closed in the middle of a line: " + line.toString(StandardCharsets.UTF_8));
          }
          return null;
        }
        pos = 0;
        limit = n;
      }
      byte b = buf[pos++];
      if (b == '\n') {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
