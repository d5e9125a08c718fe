package dev.fakemail.core.internal.mailbox;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** IMAP message flags (RFC 3501 §2.3.2): the system flags by their canonical spelling, and keywords. */
public final class Flags {
  public static final String SEEN = "\\Seen";
  public static final String ANSWERED = "\\Answered";
  public static final String FLAGGED = "\\Flagged";
  public static final String DELETED = "\\Deleted";
  public static final String DRAFT = "\\Draft";
  public static final String RECENT = "\\Recent";
  /** The flags a client may set (PERMANENTFLAGS also allows keywords). */
  public static final List<String> SYSTEM = List.of(ANSWERED, FLAGGED, DELETED, SEEN, DRAFT);

  private Flags() {}

  /** How STORE changes flags. */
  public enum Mode { REPLACE, ADD, REMOVE }

  /**
   * The canonical spelling of a flag: system flags in their RFC case, keywords as given.
   *
   * @throws IllegalArgumentException for an unknown backslash flag or \Recent (which clients cannot set)
   */
  public static String canonical(String flag) {
    if (flag.startsWith("\\")) {
      for (String s : SYSTEM) {
        if (s.equalsIgnoreCase(flag)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown or read-only flag " + flag);
    }
    if (flag.isEmpty()) {
      throw new IllegalArgumentException("empty flag");
    }
    for (int i = 0; i < flag.length(); i++) {
      char c = flag.charAt(i);
      if (c <= ' ' || c >= 127 || "(){%*\"\\]".indexOf(c) >= 0) {
        throw new IllegalArgumentException("bad keyword " + flag);
      }
    }
    return flag;
  }

  static Set<String> apply(Set<String> current, Mode mode, Set<String> change) {
    Set<String> out = new LinkedHashSet<>();
    switch (mode) {
      case REPLACE -> out.addAll(change);
      case ADD -> {
        out.addAll(current);
        out.addAll(change);
      }
      case REMOVE -> {
        for (String f : current) {
          if (change.stream().noneMatch(c -> c.equalsIgnoreCase(f))) {
            out.add(f);
          }
        }
      }
    }
    return out;
  }

  static String key(String flag) {
    return flag.toLowerCase(Locale.ROOT);
  }
}
