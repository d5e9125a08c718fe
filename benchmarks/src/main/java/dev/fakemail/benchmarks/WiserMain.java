package dev.fakemail.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.subethamail.wiser.Wiser;

/** Wiser (SubEthaSMTP) as a process for the load benchmark: prints "ready", answers "count" on stdin. */
public final class WiserMain {
  private WiserMain() {}

  public static void main(String[] args) throws Exception {
    Wiser wiser = Wiser.port(Integer.parseInt(args[0]));
    wiser.start();
    System.out.println("ready");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.equals("count")) {
        System.out.println(wiser.getMessages().size());
        System.out.flush();
      } else if (line.equals("quit")) {
        break;
      }
    }
    wiser.stop();
  }
}
