package dev.fakemail.inspector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTTP/1.1 over a plain socket: many connections cheaply, and requests no real client would send. */
final class RawHttp {
  /** A status and a body; status -1 when the connection closed before an answer. */
  record Answer(int status, String body) {}

  private RawHttp() {}

  /** Opens a connection and sends {@code GET path}. */
  static Socket get(String host, int port, String path) throws IOException {
    Socket s = new Socket(host, port);
    s.setSoTimeout(60_000);
    s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return s;
  }

  /** Reads one answer (Content-Length framed). */
  static Answer read(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    String status = line(in);
    if (status == null) {
      return new Answer(-1, "");
    }
    int length = 0;
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return new Answer(Integer.parseInt(status.split(" ")[1]), new String(body, StandardCharsets.UTF_8));
  }

  /** True once the server has closed the connection (end of stream or reset). */
  static boolean closedByServer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketException reset) {
      return true;
    }
  }

  /** One line without its CRLF; null at the end of the stream. */
  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == '\n') {
          return line.toString(StandardCharsets.US_ASCII).stripTrailing();
        }
        line.write(b);
      }
    } catch (SocketException reset) {
      // a reset is a close
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }
}
