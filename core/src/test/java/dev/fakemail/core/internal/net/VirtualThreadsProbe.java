package dev.fakemail.core.internal.net;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.Subscription;
import dev.fakemail.core.MessageFilter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Run in a child JVM by {@link VirtualThreadsIT}: starts a server, delivers one message to it, and
 * prints whether the session that stored it ran on a virtual thread (the onMessage callback keeps the
 * session on a thread; without one, plain SMTP runs on the listener's event loop).
 */
public final class VirtualThreadsProbe {
  private VirtualThreadsProbe() {}

  public static void main(String[] args) throws Exception {
    AtomicReference<Thread> sessionThread = new AtomicReference<>();
    try (FakeMailServer server = FakeMailServer.builder().listeners(Listener.SMTP).start();
         Subscription ignored = server.onMessage(m -> sessionThread.set(Thread.currentThread()))) {
      try (Socket s = new Socket(server.host(), server.smtpPort())) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        in.readLine();
        out.write("HELO probe\r\nMAIL FROM:<a@probe.test>\r\nRCPT TO:<b@probe.test>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (int i = 0; i < 4; i++) {
          in.readLine();
        }
        out.write("Subject: probe\r\n\r\nhi\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in.readLine();
      }
      server.awaitMessage(MessageFilter.to("b@probe.test"));
      boolean virtual = (boolean) Thread.class.getMethod("isVirtual").invoke(sessionThread.get());
      System.out.println("java=" + Runtime.version().feature() + " virtual=" + virtual
          + " available=" + SessionThreads.virtualThreadsAvailable());
    }
  }
}
