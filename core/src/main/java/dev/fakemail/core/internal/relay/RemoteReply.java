package dev.fakemail.core.internal.relay;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply from the far end, or one made up here for what went wrong before any reply (no route,
 * connection refused). {@code text} is the whole reply on one line: {@code 550 5.1.1 User unknown}.
 */
public record RemoteReply(int code, String text) {
  private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

  static RemoteReply of(int code, String enhanced, String text) {
    return new RemoteReply(code, code + " " + enhanced + " " + text);
  }

  static RemoteReply fromLines(List<String> lines) {
    int code = Integer.parseInt(lines.get(lines.size() - 1).substring(0, 3));
    StringBuilder sb = new StringBuilder().append(code);
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      sb.append(i == 0 ? " " : " | ").append(l.length() > 4 ? l.substring(4) : "");
    }
    return new RemoteReply(code, sb.toString().strip());
  }

  public boolean positive() {
    return code >= 200 && code < 400;
  }

  public boolean temporary() {
    return code >= 400 && code < 500;
  }

  public boolean permanent() {
    return code >= 500;
  }

  /** The RFC 3463 status: the enhanced code of the reply, else one derived from the reply code. */
  public String status() {
    Matcher m = ENHANCED.matcher(text);
    if (m.find()) {
      return m.group(1);
    }
    return permanent() ? "5.0.0" : temporary() ? "4.0.0" : "2.0.0";
  }

  @Override
  public String toString() {
    return text;
  }
}
