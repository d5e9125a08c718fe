package dev.fakemail.core.internal.authres;

import crawlercommons.domains.EffectiveTldFinder;
import java.util.Locale;

/**
 * The organizational domain of RFC 7489 §3.2, by the Public Suffix List that crawler-commons ships
 * (ICANN and private sections). A name under a suffix the list does not know (such as the
 * {@code .test} names of simulations) counts its last label as the suffix, as §3.2 says.
 */
final class OrganizationalDomain {
  private OrganizationalDomain() {}

  static String of(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    String assigned = EffectiveTldFinder.getAssignedDomain(d, true, false);
    if (assigned != null && !assigned.isEmpty()) {
      return assigned;
    }
    // no rule matches: the implicit "*" rule, the last label is the public suffix (RFC 7489 §3.2 step 3)
    int last = d.lastIndexOf('.');
    int before = last <= 0 ? -1 : d.lastIndexOf('.', last - 1);
    return before < 0 ? d : d.substring(before + 1);
  }

  /** Whether two domains are aligned: the same name (strict), or the same organizational domain (relaxed). */
  static boolean aligned(String a, String b, boolean strict) {
    if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
      return false;
    }
    if (a.equalsIgnoreCase(b)) {
      return true;
    }
    return !strict && of(a).equals(of(b));
  }
}
