package dev.fakemail.core;

import java.util.Locale;

/** The protocol listeners a {@link FakeMailServer} can start, with their standalone default ports. */
public enum Listener {
  SMTP(Protocol.SMTP, false, 2525),
  SUBMISSION(Protocol.SMTP, false, 2587),
  SMTPS(Protocol.SMTP, true, 2465),
  POP3(Protocol.POP3, false, 2110),
  POP3S(Protocol.POP3, true, 2995),
  IMAP(Protocol.IMAP, false, 2143),
  IMAPS(Protocol.IMAP, true, 2993);

  /** The protocol a listener speaks. */
  public enum Protocol { SMTP, POP3, IMAP }

  private final Protocol protocol;
  private final boolean implicitTls;
  private final int standaloneDefaultPort;

  Listener(Protocol protocol, boolean implicitTls, int standaloneDefaultPort) {
    this.protocol = protocol;
    this.implicitTls = implicitTls;
    this.standaloneDefaultPort = standaloneDefaultPort;
  }

  public Protocol protocol() {
    return protocol;
  }

  /** True when the listener starts TLS at connect (SMTPS, POP3S, IMAPS) rather than by STARTTLS. */
  public boolean implicitTls() {
    return implicitTls;
  }

  /** The port the standalone program binds by default; in-process servers default to 0 (any free port). */
  public int standaloneDefaultPort() {
    return standaloneDefaultPort;
  }

  /** Lower-case name as used in options, JSON and system properties: {@code smtp}, {@code imaps}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()} (any case). */
  public static Listener fromId(String id) {
    for (Listener l : values()) {
      if (l.id().equalsIgnoreCase(id.trim())) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown listener '" + id + "'; expected one of smtp, submission, smtps, pop3, pop3s, imap, imaps");
  }
}
