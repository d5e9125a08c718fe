package dev.fakemail.inspector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain-socket IMAP conversation for the tests: each command's tagged reply must be OK. */
final class ImapDialog {
  private ImapDialog() {}

  /** Sends each command ({@code "a LOGIN bob pw"}: the first word is the tag) and reads to its tagged OK. */
  static void run(String host, int port, String... commands) throws IOException {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      in.readLine(); // greeting
      for (String c : commands) {
        out.write((c + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String tag = c.substring(0, c.indexOf(' ') + 1);
        String line;
        do {
          line = in.readLine();
          if (line == null) {
            throw new IOException("connection closed after " + c);
          }
        } while (!line.startsWith(tag));
        if (!line.startsWith(tag + "OK")) {
          throw new IOException(c + ": " + line);
        }
      }
    }
  }
}
