package dev.fakemail.core.internal.relay;

import dev.fakemail.core.RelayHost;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small SMTP client (RFC 5321) on a plain socket, for relaying one message to one host: EHLO (HELO
 * if refused), STARTTLS (RFC 3207) and AUTH PLAIN (RFC 4954) when the relay host asks for them, MAIL,
 * one RCPT per recipient, DATA with dot-stuffing, QUIT. No pipelining: one command, one reply.
 */
public final class SmtpRelayClient {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpRelayClient.class);
  private static final int MAX_REPLY_LINE = 4096;
  private static final int MAX_REPLY_LINES = 100;

  private final String ehloName;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  public SmtpRelayClient(String ehloName, Duration connectTimeout, Duration readTimeout) {
    this.ehloName = ehloName;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /**
   * The outcome of one attempt at one host.
   *
   * @param hostFailure the reply that made the whole host fail before MAIL (connection refused,
   *     greeting, EHLO, STARTTLS, AUTH), or null when the transaction got as far as MAIL
   * @param perRecipient the final reply for each recipient, when {@code hostFailure} is null
   */
  public record Result(RemoteReply hostFailure, Map<String, RemoteReply> perRecipient) {
    static Result host(RemoteReply r) {
      return new Result(r, Map.of());
    }
  }

  /** The parameters of the original MAIL FROM that are passed on when the far end supports them. */
  public Result send(RelayHost to, String from, Map<String, String> fromParameters, List<String> recipients, byte[] content) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(to.host(), to.port()), (int) connectTimeout.toMillis());
    } catch (ConnectException e) {
      closeQuietly(socket);
      return Result.host(RemoteReply.of(421, "4.4.1", "Connection refused by " + to.host() + ":" + to.port()));
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      return Result.host(RemoteReply.of(421, "4.4.1", "Connection timed out to " + to.host() + ":" + to.port()));
    } catch (IOException e) {
      closeQuietly(socket);
      return Result.host(RemoteReply.of(421, "4.4.1", "Cannot connect to " + to.host() + ":" + to.port() + ": " + e.getMessage()));
    }
    try {
      socket.setSoTimeout((int) readTimeout.toMillis());
      Session s = new Session(socket, to.name());
      return s.run(to, from, fromParameters, recipients, content);
    } catch (IOException e) {
      LOG.debug("relay to {} failed: {}", to.name(), e.toString());
      return Result.host(RemoteReply.of(421, "4.4.2", "Connection to " + to.name() + " lost: " + e.getMessage()));
    } finally {
      closeQuietly(socket);
    }
  }

  private final class Session {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final String peer;
    private final Set<String> extensions = new TreeSet<>();

    Session(Socket socket, String peer) throws IOException {
      this.peer = peer;
      attach(socket);
    }

    private void attach(Socket s) throws IOException {
      this.socket = s;
      this.in = new BufferedInputStream(s.getInputStream());
      this.out = new BufferedOutputStream(s.getOutputStream());
    }

    Result run(RelayHost to, String from, Map<String, String> fromParameters, List<String> recipients, byte[] content)
        throws IOException {
      RemoteReply greeting = read();
      if (greeting.code() != 220) {
        return Result.host(greeting);
      }
      RemoteReply ehlo = ehlo();
      if (!ehlo.positive()) {
        return quit(Result.host(ehlo));
      }
      if (to.startTls()) {
        if (!extensions.contains("STARTTLS")) {
          return quit(Result.host(RemoteReply.of(530, "5.7.10", peer + " does not offer STARTTLS, which the relay host requires")));
        }
        RemoteReply r = command("STARTTLS");
        if (r.code() != 220) {
          return quit(Result.host(r));
        }
        startTls(to);
        RemoteReply again = ehlo();
        if (!again.positive()) {
          return quit(Result.host(again));
        }
      }
      if (to.authenticates()) {
        RemoteReply r = auth(to);
        if (r.code() != 235) {
          return quit(Result.host(r));
        }
      }
      StringBuilder mail = new StringBuilder("MAIL FROM:<").append(from).append('>');
      String body = fromParameters.get("BODY");
      if (body != null && extensions.contains("8BITMIME")) {
        mail.append(" BODY=").append(body);
      }
      if (fromParameters.containsKey("SMTPUTF8") && extensions.contains("SMTPUTF8")) {
        mail.append(" SMTPUTF8");
      }
      RemoteReply mr = command(mail.toString());
      Map<String, RemoteReply> results = new LinkedHashMap<>();
      if (!mr.positive()) {
        recipients.forEach(r -> results.put(r, mr));
        return quit(new Result(null, results));
      }
      List<String> accepted = new ArrayList<>();
      for (String r : recipients) {
        RemoteReply rr = command("RCPT TO:<" + r + ">");
        results.put(r, rr);
        if (rr.positive()) {
          accepted.add(r);
        }
      }
      if (accepted.isEmpty()) {
        return quit(new Result(null, results));
      }
      RemoteReply data = command("DATA");
      if (data.code() != 354) {
        accepted.forEach(r -> results.put(r, data));
        return quit(new Result(null, results));
      }
      writeDotStuffed(content);
      RemoteReply end = read();
      accepted.forEach(r -> results.put(r, end));
      return quit(new Result(null, results));
    }

    private RemoteReply ehlo() throws IOException {
      List<String> lines = new ArrayList<>();
      write("EHLO " + ehloName);
      RemoteReply r = read(lines);
      extensions.clear();
      if (r.positive()) {
        for (int i = 1; i < lines.size(); i++) {
          String ext = lines.get(i).length() > 4 ? lines.get(i).substring(4).toUpperCase(Locale.ROOT) : "";
          extensions.add(ext.split(" ", 2)[0]);
          if (ext.startsWith("AUTH ") || ext.startsWith("AUTH=")) {
            for (String m : ext.substring(5).split(" ")) {
              extensions.add("AUTH:" + m);
            }
          }
        }
        return r;
      }
      if (r.code() >= 500 && r.code() < 510) {
        return command("HELO " + ehloName);
      }
      return r;
    }

    private RemoteReply auth(RelayHost to) throws IOException {
      if (!extensions.contains("AUTH")) {
        return RemoteReply.of(530, "5.7.4", peer + " does not offer AUTH, which the relay host's credentials need");
      }
      if (extensions.contains("AUTH:PLAIN") || !extensions.contains("AUTH:LOGIN")) {
        String token = Base64.getEncoder().encodeToString(("\0" + to.username() + "\0" + to.password())
            .getBytes(StandardCharsets.UTF_8));
        LOG.trace("relay {} > AUTH PLAIN ****", peer);
        writeRaw("AUTH PLAIN " + token);
        return read();
      }
      LOG.trace("relay {} > AUTH LOGIN", peer);
      writeRaw("AUTH LOGIN");
      RemoteReply r = read();
      if (r.code() != 334) {
        return r;
      }
      writeRaw(Base64.getEncoder().encodeToString(to.username().getBytes(StandardCharsets.UTF_8)));
      r = read();
      if (r.code() != 334) {
        return r;
      }
      writeRaw(Base64.getEncoder().encodeToString(to.password().getBytes(StandardCharsets.UTF_8)));
      return read();
    }

    private void startTls(RelayHost to) throws IOException {
      try {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new AnyCertificate()}, null);
        SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(socket, to.host(), to.port(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        LOG.debug("relay to {}: TLS {} {}", peer, tls.getSession().getProtocol(), tls.getSession().getCipherSuite());
        attach(tls);
      } catch (GeneralSecurityException e) {
        throw new IOException("TLS setup failed: " + e.getMessage(), e);
      }
    }

    private Result quit(Result r) {
      try {
        write("QUIT");
        read();
      } catch (IOException e) {
        LOG.trace("QUIT to {}: {}", peer, e.toString());
      }
      return r;
    }

    private RemoteReply command(String line) throws IOException {
      write(line);
      return read();
    }

    private void write(String line) throws IOException {
      LOG.trace("relay {} > {}", peer, line);
      writeRaw(line);
    }

    private void writeRaw(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** The content with a leading dot doubled on each line, ending in CRLF, then the final dot. */
    private void writeDotStuffed(byte[] content) throws IOException {
      boolean lineStart = true;
      for (byte b : content) {
        if (lineStart && b == '.') {
          out.write('.');
        }
        out.write(b);
        lineStart = b == '\n';
      }
      if (content.length > 0 && !lineStart) {
        out.write('\r');
        out.write('\n');
      }
      out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    private RemoteReply read() throws IOException {
      return read(new ArrayList<>());
    }

    private RemoteReply read(List<String> lines) throws IOException {
      while (true) {
        String line = readLine();
        if (line == null) {
          throw new IOException("connection closed by " + peer);
        }
        if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)
            || line.charAt(0) < '2' || line.charAt(0) > '5' || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
          throw new IOException("not an SMTP reply from " + peer + ": " + line);
        }
        lines.add(line);
        LOG.trace("relay {} < {}", peer, line);
        if (line.length() == 3 || line.charAt(3) == ' ') {
          return RemoteReply.fromLines(lines);
        }
        if (lines.size() > MAX_REPLY_LINES) {
          throw new IOException("reply from " + peer + " has too many lines");
        }
      }
    }

    private String readLine() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream(128);
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\n') {
          byte[] bytes = b.toByteArray();
          int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          return new String(bytes, 0, len, StandardCharsets.UTF_8);
        }
        if (b.size() >= MAX_REPLY_LINE) {
          throw new IOException("reply line from " + peer + " longer than " + MAX_REPLY_LINE);
        }
        b.write(c);
      }
      return null;
    }
  }

  /** The far end is a test server with a self-signed certificate: TLS for the protocol, not for trust. */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // not a client
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // every simulated host is a local test server; trust is not what is tested here
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      LOG.trace("close: {}", e.toString());
    }
  }
}
