package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.User;
import dev.fakemail.core.internal.auth.Accounts;
import dev.fakemail.core.internal.net.LineTooLongException;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AUTH (RFC 4954) with PLAIN (RFC 4616), LOGIN and CRAM-MD5 (RFC 2195). In open mode any
 * credentials pass and the login is recorded; in strict mode they are checked.
 */
final class AuthCommand extends BasicCommand<SmtpState> implements SmtpCommand {
  AuthCommand() {
    super(SmtpState.READY_ONLY, "AUTH");
    blocking();
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public SmtpReply execute(SmtpSession s, String args) throws IOException, SmtpException {
    if (s.authenticated()) {
      return SmtpReply.ALREADY_AUTHENTICATED;
    }
    String[] parts = args.trim().split(" +", 2);
    if (parts[0].isEmpty()) {
      return SmtpReply.syntax("AUTH mechanism [initial-response]");
    }
    String mechanism = parts[0].toUpperCase(Locale.ROOT);
    String initial = parts.length > 1 ? parts[1].trim() : null;
    Accounts accounts = s.config().accounts();
    Optional<String> user;
    switch (mechanism) {
      case "PLAIN" -> {
        String response = initial != null ? initial : challenge(s, "");
        String[] f = decode(response).split("\0", -1);
        if (f.length != 3) {
          return SmtpReply.AUTH_BAD_BASE64;
        }
        s.fault(dev.fakemail.core.Fault.Stage.AUTH, java.util.List.of(), f[1]);
        user = accounts.authenticate(f[1], f[2]);
      }
      case "LOGIN" -> {
        String login = decode(initial != null ? initial : challenge(s, "Username:"));
        String password = decode(challenge(s, "Password:"));
        s.fault(dev.fakemail.core.Fault.Stage.AUTH, java.util.List.of(), login);
        user = accounts.authenticate(login, password);
      }
      case "CRAM-MD5" -> {
        if (initial != null) {
          return SmtpReply.syntax("AUTH CRAM-MD5 takes no initial response");
        }
        String nonce = "<" + Long.toUnsignedString(RANDOM.nextLong()) + "." + System.currentTimeMillis() + "@"
            + s.config().hostname() + ">";
        String[] f = decode(challenge(s, nonce)).split(" ");
        if (f.length != 2) {
          return SmtpReply.AUTH_BAD_BASE64;
        }
        s.fault(dev.fakemail.core.Fault.Stage.AUTH, java.util.List.of(), f[0]);
        user = verifyCram(accounts, f[0], f[1], nonce);
      }
      default -> {
        return SmtpReply.AUTH_UNKNOWN_MECHANISM;
      }
    }
    if (user.isEmpty() || user.get().isEmpty()) { // an empty login would be a 235 that authenticates no one
      return SmtpReply.AUTH_FAILED;
    }
    s.authenticated(user.get());
    return SmtpReply.AUTH_OK;
  }

  /** Sends {@code 334 base64(text)} and reads the client's answer; "*" cancels (RFC 4954 §4). */
  private static String challenge(SmtpSession s, String text) throws IOException, SmtpException {
    s.exchange().send(SmtpReply.of(334, "", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))));
    String line;
    try {
      line = s.exchange().readLine(SmtpConfig.MAX_AUTH_LINE);
    } catch (LineTooLongException e) { // the line was consumed: answer it and stay in step
      s.log().client("<line longer than " + SmtpConfig.MAX_AUTH_LINE + " octets>");
      throw new SmtpException(SmtpReply.LINE_TOO_LONG);
    }
    if (line == null) {
      throw new IOException("connection closed during AUTH");
    }
    s.log().client("****");
    if (line.trim().equals("*")) {
      throw new SmtpException(SmtpReply.AUTH_CANCELLED);
    }
    return line.trim();
  }

  private static String decode(String b64) throws SmtpException {
    if (b64.equals("=")) {
      return "";
    }
    try {
      return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SmtpException(SmtpReply.AUTH_BAD_BASE64);
    }
  }

  private static Optional<String> verifyCram(Accounts accounts, String login, String digest, String nonce) {
    if (!accounts.strict()) {
      return Optional.of(login);
    }
    return accounts.find(login).filter(u -> {
      try {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(u.password().getBytes(StandardCharsets.UTF_8), "HmacMD5"));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(nonce.getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, digest.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
      } catch (NoSuchAlgorithmException | InvalidKeyException e) {
        return false;
      }
    }).map(User::address);
  }
}
