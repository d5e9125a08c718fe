package dev.fakemail.core.internal.authres;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A DMARC record (RFC 7489 §6.3), the tags this server uses; unknown tags are ignored, as §6.3 says. */
record DmarcPolicy(String domain, String p, String sp, boolean strictDkim, boolean strictSpf, int pct) {

  /** The record, or null when the text is not a valid DMARC record (not {@code v=DMARC1} first, or no valid {@code p}). */
  static DmarcPolicy parse(String domain, String text) {
    Map<String, String> tags = new HashMap<>();
    String[] parts = text.split(";");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        return null;
      }
      String k = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String v = part.substring(eq + 1).strip();
      if (i == 0 && !(k.equals("v") && v.equals("DMARC1"))) {
        return null;
      }
      tags.putIfAbsent(k, v);
    }
    String p = policy(tags.get("p"));
    if (p == null) {
      return null; // §6.6.3: a record without a valid p is as if there were none (unless rua is there; we do not report)
    }
    String sp = policy(tags.get("sp"));
    int pct = 100;
    try {
      if (tags.containsKey("pct")) {
        pct = Math.max(0, Math.min(100, Integer.parseInt(tags.get("pct"))));
      }
    } catch (NumberFormatException e) {
      pct = 100;
    }
    return new DmarcPolicy(domain, p, sp == null ? p : sp, "s".equalsIgnoreCase(tags.get("adkim")),
        "s".equalsIgnoreCase(tags.get("aspf")), pct);
  }

  private static String policy(String v) {
    if (v == null) {
      return null;
    }
    String l = v.toLowerCase(Locale.ROOT);
    return l.equals("none") || l.equals("quarantine") || l.equals("reject") ? l : null;
  }

  /** One step down for the messages {@code pct} leaves out (§6.6.4). */
  static String lower(String policy) {
    return policy.equals("reject") ? "quarantine" : "none";
  }
}
