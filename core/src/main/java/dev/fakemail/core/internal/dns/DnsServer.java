package dev.fakemail.core.internal.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the simulated zones over UDP and TCP on one port number (RFC 1035 §4.2, RFC 7766): a
 * thread reads datagrams and answers each at once; a thread accepts TCP connections, each served by
 * a pooled thread (length-prefixed messages, several per connection).
 *
 * <p>No amplifier: a UDP answer is never larger than the requester's EDNS size capped at
 * {@value Zones#EDNS_PAYLOAD} octets (512 without EDNS), nor than {@value #MAX_AMPLIFICATION} times
 * the query; beyond that it is truncated (TC) and the client asks again over TCP. {@code ANY} gets
 * one HINFO record (RFC 8482). Bound to a non-loopback address, each source address gets
 * {@value #RATE_BURST} answers at once and {@value #RATE_PER_SECOND} a second after that; past it,
 * an empty truncated answer.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
  private static final int MAX_TCP_CONNECTIONS = 64;
  private static final int TCP_IDLE_MILLIS = 10_000;
  /** A UDP answer is at most this many times the size of its query. */
  static final int MAX_AMPLIFICATION = 3;
  static final int RATE_PER_SECOND = 50;
  static final int RATE_BURST = 100;
  private static final int RATE_SOURCES = 10_000;

  private final Zones zones;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ExecutorService threads;
  private final Semaphore tcpSlots = new Semaphore(MAX_TCP_CONNECTIONS);
  private final DnsRateLimit rateLimit; // null on loopback
  private volatile boolean closed;

  public DnsServer(Zones zones, InetAddress bind, int port) throws IOException {
    this.zones = zones;
    this.rateLimit = bind.isLoopbackAddress() ? null
        : new DnsRateLimit(RATE_PER_SECOND, RATE_BURST, RATE_SOURCES, System::nanoTime);
    DatagramSocket u = null;
    ServerSocket t = null;
    IOException last = null;
    for (int tries = 0; tries < (port == 0 ? 20 : 1) && t == null; tries++) {
      u = new DatagramSocket(new InetSocketAddress(bind, port));
      try {
        t = new ServerSocket();
        t.setReuseAddress(true);
        t.bind(new InetSocketAddress(bind, u.getLocalPort()), 50);
      } catch (BindException e) { // port 0: UDP got a port whose TCP twin is taken; try another
        last = e;
        t.close();
        t = null;
        u.close();
      }
    }
    if (t == null) {
      throw new BindException("cannot bind the DNS port " + port + " for both UDP and TCP on " + bind.getHostAddress()
          + (last == null ? "" : ": " + last.getMessage()));
    }
    this.udp = u;
    this.tcp = t;
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread th = new Thread(r, "fakemail-dns-" + n.incrementAndGet());
      th.setDaemon(true);
      return th;
    });
    threads.execute(this::udpLoop);
    threads.execute(this::tcpLoop);
  }

  public int port() {
    return udp.getLocalPort();
  }

  private void udpLoop() {
    byte[] buf = new byte[65535];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("DNS UDP listener failed: {}", e.toString());
        }
        return;
      }
      byte[] in = new byte[p.getLength()];
      System.arraycopy(p.getData(), p.getOffset(), in, 0, in.length);
      byte[] out = rateLimit == null || rateLimit.allow(p.getAddress()) ? respond(in, true) : truncated(in);
      if (out != null) {
        try {
          udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
        } catch (IOException e) {
          LOG.debug("DNS UDP reply to {} failed: {}", p.getSocketAddress(), e.toString());
        }
      }
    }
  }

  private void tcpLoop() {
    while (!closed) {
      Socket s;
      try {
        s = tcp.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("DNS TCP listener failed: {}", e.toString());
        }
        return;
      }
      if (!tcpSlots.tryAcquire()) {
        closeQuietly(s);
        continue;
      }
      try {
        threads.execute(() -> {
          try {
            serveTcp(s);
          } finally {
            tcpSlots.release();
            closeQuietly(s);
          }
        });
      } catch (RejectedExecutionException e) {
        tcpSlots.release();
        closeQuietly(s);
      }
    }
  }

  private void serveTcp(Socket s) {
    try {
      s.setSoTimeout(TCP_IDLE_MILLIS);
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (!closed) {
        int len;
        try {
          len = in.readUnsignedShort();
        } catch (EOFException e) {
          return;
        }
        byte[] q = new byte[len];
        in.readFully(q);
        byte[] a = respond(q, false);
        if (a == null) {
          return;
        }
        out.writeShort(a.length);
        out.write(a);
        out.flush();
      }
    } catch (SocketException | java.net.SocketTimeoutException | EOFException e) {
      LOG.debug("DNS TCP connection ended: {}", e.toString());
    } catch (IOException e) {
      LOG.debug("DNS TCP connection failed: {}", e.toString());
    }
  }

  /** The wire answer to a wire query; FORMERR for what does not parse, nothing for garbage without a header. */
  byte[] respond(byte[] query, boolean udpTransport) {
    Message q;
    try {
      q = new Message(query);
    } catch (IOException e) {
      if (query.length < Header.LENGTH) {
        return null;
      }
      Message err = new Message(((query[0] & 0xff) << 8) | (query[1] & 0xff));
      err.getHeader().setFlag(Flags.QR);
      err.getHeader().setRcode(Rcode.FORMERR);
      return err.toWire();
    }
    if (q.getHeader().getFlag(Flags.QR)) {
      return null; // a response, not a query: never answer it (no reflection loops)
    }
    Message a = zones.answer(q);
    if (LOG.isTraceEnabled()) {
      LOG.trace("DNS {} {} -> {} ({} answers)", udpTransport ? "udp" : "tcp", q.getQuestion(),
          Rcode.string(a.getRcode()), a.getSection(Section.ANSWER).size());
    }
    if (!udpTransport) {
      return a.toWire();
    }
    return a.toWire(udpLimit(q, query.length));
  }

  /**
   * The largest UDP answer to this query: the requester's EDNS size (at least 512, at most
   * {@value Zones#EDNS_PAYLOAD}; 512 without EDNS), and no more than {@value #MAX_AMPLIFICATION}
   * times the query. An answer that does not fit is truncated (TC) to what fits.
   */
  static int udpLimit(Message q, int queryLength) {
    int requester = q.getOPT() == null ? 512 : Math.max(512, Math.min(q.getOPT().getPayloadSize(), Zones.EDNS_PAYLOAD));
    return Math.min(requester, MAX_AMPLIFICATION * queryLength);
  }

  /** The rate-limited answer: header and question only, TC set; never larger than the query. */
  byte[] truncated(byte[] query) {
    Message q;
    try {
      q = new Message(query);
    } catch (IOException e) {
      return null;
    }
    if (q.getHeader().getFlag(Flags.QR) || q.getQuestion() == null) {
      return null;
    }
    Message a = new Message(q.getHeader().getID());
    a.getHeader().setFlag(Flags.QR);
    a.getHeader().setFlag(Flags.TC);
    a.getHeader().setOpcode(q.getHeader().getOpcode());
    a.addRecord(q.getQuestion(), Section.QUESTION);
    byte[] out = a.toWire();
    return out.length <= query.length ? out : null;
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      LOG.debug("closing DNS TCP listener: {}", e.toString());
    }
    threads.shutdownNow();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      LOG.trace("close: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "dns " + udp.getLocalAddress().getHostAddress() + ":" + port();
  }
}
