package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * AUTH (RFC 5034) with the PLAIN mechanism (RFC 4616), with or without an initial response. Without
 * an argument it lists the mechanisms, as many clients expect.
 */
final class AuthCommand extends BasicCommand<Pop3State> implements Pop3Command {
  AuthCommand() {
    super(Pop3State.AUTHORIZATION_ONLY, "AUTH");
    blocking();
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) throws IOException {
    String[] parts = args.trim().split(" +", 2);
    if (parts[0].isEmpty()) {
      return Pop3Reply.ok("Mechanisms follow", List.of("PLAIN"));
    }
    if (!parts[0].toUpperCase(Locale.ROOT).equals("PLAIN")) {
      return Pop3Reply.err("Unsupported mechanism; use PLAIN");
    }
    String response = parts.length > 1 ? parts[1].trim() : s.exchange().continuation("");
    if (response == null) {
      throw new java.io.EOFException("connection closed during AUTH");
    }
    if (response.equals("*")) {
      return Pop3Reply.err("AUTH cancelled");
    }
    String decoded;
    try {
      decoded = response.equals("=") ? "" : new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Pop3Reply.err("Cannot decode the response: not base64");
    }
    String[] f = decoded.split("\0", -1);
    if (f.length != 3) {
      return Pop3Reply.err("Bad PLAIN response: expected authzid NUL authcid NUL password");
    }
    if (!f[0].isEmpty() && !f[0].equalsIgnoreCase(f[1])) {
      return Pop3Reply.AUTH_FAILED; // no proxy logins: a user only reaches their own maildrop
    }
    return s.login(f[1], f[2]);
  }
}
