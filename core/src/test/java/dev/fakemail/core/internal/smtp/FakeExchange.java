package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.Listener;
import dev.fakemail.core.internal.net.LineTooLongException;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link SmtpExchange} without a socket: continuation lines and DATA bodies are scripted, chunk
 * octets come from a scripted byte queue, and intermediate replies (334, 354, the STARTTLS 220) are
 * captured in order.
 */
final class FakeExchange implements SmtpExchange {
  private final Deque<String> lines = new ArrayDeque<>();
  private final Deque<byte[]> bodies = new ArrayDeque<>();
  private final Deque<Byte> octets = new ArrayDeque<>();
  final List<SmtpReply> sent = new ArrayList<>();
  /** Called with each intermediate reply, so a script can answer a challenge it could not know. */
  Consumer<SmtpReply> onSend = r -> {};
  Listener listener = Listener.SMTP;
  boolean tlsAvailable = true;
  int plaintextBehindStartTls;
  private String tlsProtocol = "";

  /** Scripts the next line(s) the client sends in answer to a 334 challenge. */
  FakeExchange lines(String... script) {
    lines.addAll(List.of(script));
    return this;
  }

  /** Scripts the next DATA body, as it is after dot-unstuffing (without the final dot line). */
  FakeExchange body(String body) {
    bodies.add(body.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Scripts raw octets on the wire, read by BDAT. */
  FakeExchange octets(String wire) {
    for (byte b : wire.getBytes(StandardCharsets.UTF_8)) {
      octets.add(b);
    }
    return this;
  }

  int unreadOctets() {
    return octets.size();
  }

  int unreadLines() {
    return lines.size();
  }

  @Override
  public void send(SmtpReply reply) {
    sent.add(reply);
    onSend.accept(reply);
  }

  @Override
  public String readLine(int maxLength) throws IOException {
    String line = lines.poll();
    if (line != null && line.getBytes(StandardCharsets.UTF_8).length > maxLength) {
      throw new LineTooLongException(maxLength); // as the connection does, having consumed the line
    }
    return line;
  }

  @Override
  public long readData(OutputStream out, long maxBytes) throws IOException {
    byte[] b = bodies.poll();
    if (b == null) {
      throw new EOFException("no DATA body scripted");
    }
    out.write(b, 0, (int) Math.min(b.length, maxBytes));
    return b.length;
  }

  @Override
  public void readChunk(long size, OutputStream out) throws IOException {
    for (long i = 0; i < size; i++) {
      Byte b = octets.poll();
      if (b == null) {
        throw new EOFException("chunk of " + size + " octets, script ran out after " + i);
      }
      out.write(b);
    }
  }

  @Override
  public int startTls(SmtpReply ready) {
    sent.add(ready);
    tlsProtocol = "TLSv1.3";
    return plaintextBehindStartTls;
  }

  @Override
  public boolean tlsAvailable() {
    return tlsAvailable;
  }

  @Override
  public boolean isTls() {
    return !tlsProtocol.isEmpty();
  }

  @Override
  public String tlsProtocol() {
    return tlsProtocol;
  }

  @Override
  public String tlsCipher() {
    return isTls() ? "TLS_AES_128_GCM_SHA256" : "";
  }

  @Override
  public String clientAddress() {
    return "192.0.2.7";
  }

  @Override
  public Listener listener() {
    return listener;
  }

  @Override
  public String sessionId() {
    return "smtp-test-1";
  }
}
