package dev.fakemail.core.internal.net;

import dev.fakemail.core.Listener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link AcceptExhaustionIT} in a child JVM with a low file-descriptor limit: a listener,
 * then every free descriptor taken by open files, so that the clients the parent connects cannot be
 * accepted; on the parent's commands (stdin: {@code wait}, {@code free}, {@code quit}) it reports
 * the failed accepts, frees 50 descriptors, and reports whether the listener still serves.
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
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    try (SocketListener listener = new SocketListener(Listener.SMTP, loopback, 0, greeter, null, 100_000, Duration.ofMinutes(5))) {
      System.out.println("port " + listener.port());
      List<FileChannel> held = new ArrayList<>();
      try {
        while (held.size() < 100_000) {
          held.add(FileChannel.open(Path.of("/dev/null"), StandardOpenOption.READ));
        }
      } catch (IOException e) {
        System.out.println("full after " + held.size() + " files: " + e.getMessage());
      }
      expect(commands, "wait"); // the parent has connected clients, which wait in the backlog
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (listener.failedAccepts() < 3 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(10_000_000L);
      }
      System.out.println("failed accepts " + listener.failedAccepts());
      expect(commands, "free");
      for (int i = 0; i < 50; i++) {
        held.remove(held.size() - 1).close();
      }
      System.out.println("freed");
      expect(commands, "quit");
      System.out.println("serving=" + listener.isServing());
      for (FileChannel f : held) {
        f.close();
      }
    }
  }

  private static void expect(BufferedReader commands, String command) throws IOException {
    String line = commands.readLine();
    if (!command.equals(line)) {
      throw new IllegalStateException("expected '" + command + "', got '" + line + "'");
    }
  }
}
