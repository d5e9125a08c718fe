package dev.fakemail.core.internal.net;

import static org.awaitility.Awaitility.await;

import dev.fakemail.core.Listener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link AcceptExhaustionIT} in a child JVM with a low file-descriptor limit: fills the
 * process's descriptors with connections to its own listener until accepting fails, frees half of
 * them, and checks that the listener accepts and serves again. Prints its findings on stdout.
 */
public final class FdExhaustionProbe {
  private FdExhaustionProbe() {}

  public static void main(String[] args) throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    ProtocolHandler greeter = new ProtocolHandler() {
      @Override
      public LoopSession openOnLoop(LoopConnection c) {
        c.write("220 hello\r\n");
        return new LoopSession() {
          @Override
          public void onInput(LoopConnection connection) throws IOException {
            while (connection.readLine(100) != null) {
              connection.write("250 ok\r\n");
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
      public void serve(Connection connection) {}

      @Override
      public String busyReply() {
        return "421 busy\r\n";
      }

      @Override
      public String internalErrorReply() {
        return "421 error\r\n";
      }

      @Override
      public String shutdownReply() {
        return "421 bye\r\n";
      }
    };
    try (SocketListener listener = new SocketListener(Listener.SMTP, loopback, 0, greeter, null, 100_000, Duration.ofMinutes(5))) {
      List<Socket> held = new ArrayList<>();
      try {
        while (held.size() < 100_000) {
          held.add(new Socket(loopback, listener.port()));
        }
      } catch (IOException e) {
        System.out.println("client out of descriptors after " + held.size() + " connections: " + e.getMessage());
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> listener.failedAccepts() >= 3);
      System.out.println("failed accepts: at least " + listener.failedAccepts());

      for (int i = 0; i < held.size() / 2; i++) {
        held.get(i).close();
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        long before = listener.failedAccepts();
        try (Socket s = new Socket(loopback, listener.port())) {
          s.setSoTimeout(5_000);
          String greeting = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
          if ("220 hello".equals(greeting)) {
            System.out.println("serving again: " + greeting + " (failed accepts " + before + ")");
            return true;
          }
        } catch (IOException stillFull) {
          // not yet
        }
        return false;
      });
      System.out.println("serving=" + listener.isServing());
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
