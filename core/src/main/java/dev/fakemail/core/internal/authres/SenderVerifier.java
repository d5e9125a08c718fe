package dev.fakemail.core.internal.authres;

import dev.fakemail.core.Authentication;
import dev.fakemail.core.Authentication.Check;
import dev.fakemail.core.Authentication.Result;
import dev.fakemail.core.MailAddress;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.dns.Zones;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecord;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.SPF;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Judges a received message as a receiving server would: SPF by Apache James jSPF, DKIM by Apache
 * James jDKIM, both against the simulated zones, and DMARC (RFC 7489) from their results, with the
 * organizational domain from the Public Suffix List. Never throws: what cannot be judged is a
 * {@code permerror} or {@code temperror} with its reason.
 *
 * <p>A DKIM signature's times, {@code t=} and {@code x=} (RFC 6376 §3.5), are judged against the
 * server's clock ({@code FakeMailServer.clock()}, which a test moves forward), not the real one:
 * jDKIM 0.5 compares {@code t=} with {@code System.currentTimeMillis()} and never checks
 * {@code x=}, so jDKIM is shown a signature without its time stamp and the times are checked here,
 * after its verification (see {@link #judgeTimes}).
 *
 * <p>{@code a=ed25519-sha256} (RFC 8463): jDKIM does all the DKIM work as for RSA; only the final
 * signature check and the key record's {@code p=} are supplied, from the JDK's Ed25519 (see
 * {@link Ed25519Sha256} and {@link DkimKeyRecord}).
 */
public final class SenderVerifier {
  /** More DKIM-Signature fields than this are not judged (each costs a key look-up and an RSA or Ed25519 verification). */
  static final int MAX_SIGNATURES = 10;
  private final Zones zones;
  private final String hostname;
  /**
   * Made at the first SPF check of a domain that publishes SPF, which most servers never make: jSPF's
   * set-up (its term parser, by reflection) was a tenth of a standalone start's main thread.
   */
  private volatile SPF spf;
  private final ZoneKeyRetriever keys;
  private final Clock clock;

  /** Judges against these zones, as {@code hostname}, at the time {@code clock} tells (the server's simulated clock). */
  public SenderVerifier(Zones zones, String hostname, Clock clock) {
    this.zones = zones;
    this.hostname = hostname;
    this.clock = clock;
    this.keys = new ZoneKeyRetriever(zones);
  }

  public Authentication verify(ReceivedMessage m) {
    Check spfCheck = spf(m);
    List<Check> dkim = dkim(m);
    return new Authentication(spfCheck, dkim, dmarc(m, spfCheck, dkim));
  }

  /**
   * The address SPF sees: the connecting one; but a simulated server relaying over loopback is
   * known by its HELO name, and when that name has an address in the simulated DNS, SPF sees that
   * address, as the internet would see the relaying host's.
   */
  public String spfClientAddress(SessionInfo s) {
    String client = s.clientAddress();
    if (isLoopback(client) && !s.helo().isEmpty()) {
      try {
        List<Record> a = zones.lookup(s.helo(), Type.A);
        if (!a.isEmpty()) {
          return ((ARecord) a.get(0)).getAddress().getHostAddress();
        }
        List<Record> aaaa = zones.lookup(s.helo(), Type.AAAA);
        if (!aaaa.isEmpty()) {
          return ((AAAARecord) aaaa.get(0)).getAddress().getHostAddress();
        }
      } catch (IllegalArgumentException e) {
        // a HELO name that is no domain name: the connecting address
      }
    }
    return client;
  }

  private static boolean isLoopback(String address) {
    try {
      return !address.isEmpty() && Character.digit(address.charAt(0), 16) >= 0 || address.startsWith(":")
          ? InetAddress.getByName(address).isLoopbackAddress() : false;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private SPF spfChecker() {
    SPF s = spf;
    if (s == null) {
      synchronized (this) {
        s = spf;
        if (s == null) {
          s = new SPF(new ZoneDnsService(zones, hostname));
          s.setUseBestGuess(false);
          spf = s;
        }
      }
    }
    return s;
  }

  private Check spf(ReceivedMessage m) {
    SessionInfo s = m.session();
    String ip = spfClientAddress(s);
    String from = m.envelope().from();
    String helo = s.helo();
    Map<String, String> props = new LinkedHashMap<>();
    if (from.isEmpty()) {
      props.put("smtp.helo", helo);
    } else {
      props.put("smtp.mailfrom", from);
    }
    props.put("client-ip", ip);
    if (!s.provider().isEmpty()) {
      // a receiver sees the provider's servers and its return path (bounces@ the provider's domain), not the SDK's client
      return new Check("spf", Result.NONE, "sent through the " + s.provider() + " API: SPF judges the provider's servers "
          + "and return path, not this client", props);
    }
    if (ip.isEmpty() || ip.equals("relay") || helo.isEmpty() && from.isEmpty()) {
      return new Check("spf", Result.NONE, "no client address or identity to check", props);
    }
    String identity = from.isEmpty() ? helo : from;
    String domain = identity.substring(identity.lastIndexOf('@') + 1);
    if (!publishesSpf(domain)) { // RFC 7208 §4.5: no SPF record is "none"; jSPF would say the same, slower
      return new Check("spf", Result.NONE, "domain of " + identity + " does not designate permitted sender hosts", props);
    }
    SPFResult r;
    try {
      r = spfChecker().checkSPF(ip, from, helo.isEmpty() ? "unknown" : helo);
    } catch (RuntimeException e) {
      return new Check("spf", Result.PERMERROR, "SPF check failed: " + e.getMessage(), props);
    }
    Result result = Result.of(r.getResult());
    String reason = switch (result) {
      case PASS -> "domain of " + identity + " designates " + ip + " as permitted sender";
      case FAIL -> "domain of " + identity + " does not designate " + ip + " as permitted sender";
      case SOFTFAIL -> "domain of transitioning " + identity + " does not designate " + ip + " as permitted sender";
      case NEUTRAL -> ip + " is neither permitted nor denied by domain of " + identity;
      case NONE -> "domain of " + identity + " does not designate permitted sender hosts";
      default -> r.getExplanation() == null || r.getExplanation().isEmpty() ? "error in processing during lookup of "
          + identity : r.getExplanation();
    };
    return new Check("spf", result, reason, props);
  }

  /** Whether the name has a TXT record that starts with {@code v=spf1} (any case); false for a name that is no domain name. */
  private boolean publishesSpf(String domain) {
    try {
      for (Record r : zones.lookup(domain, Type.TXT)) {
        String t = String.join("", ((TXTRecord) r).getStrings()).toLowerCase(Locale.ROOT);
        if (t.equals("v=spf1") || t.startsWith("v=spf1 ")) {
          return true;
        }
      }
      return false;
    } catch (IllegalArgumentException e) {
      return true; // not a valid name: jSPF says what that is
    }
  }

  private List<Check> dkim(ReceivedMessage m) {
    int signatures = m.header("DKIM-Signature").size();
    if (signatures == 0) {
      return List.of();
    }
    if (signatures > MAX_SIGNATURES) {
      return List.of(new Check("dkim", Result.PERMERROR, signatures + " DKIM signatures: more than the "
          + MAX_SIGNATURES + " judged", Map.of()));
    }
    DKIMVerifier v = new UntimedVerifier(keys);
    String error = null;
    try {
      v.verify(m.rawStream());
    } catch (FailException e) {
      error = e.getMessage();
    } catch (IOException | RuntimeException e) {
      error = e.getMessage();
    }
    List<Check> checks = new ArrayList<>();
    for (org.apache.james.jdkim.api.Result r : v.getResults()) {
      Map<String, String> props = new LinkedHashMap<>();
      SignatureRecord rec = r.getRecord();
      if (rec != null) {
        props.put("header.d", text(rec.getDToken()));
        props.put("header.i", text(rec.getIdentity()));
        props.put("header.s", text(rec.getSelector()));
        props.put("header.a", text(rec.getHashKeyType()) + "-" + text(rec.getHashMethod()));
        String b = bValue(r.getDkimRawField());
        if (!b.isEmpty()) {
          props.put("header.b", b.substring(0, Math.min(8, b.length())));
        }
      } else {
        String d = tag(r.getDkimRawField(), "d");
        if (!d.isEmpty()) {
          props.put("header.d", d);
        }
        String sel = tag(r.getDkimRawField(), "s");
        if (!sel.isEmpty()) {
          props.put("header.s", sel);
        }
      }
      Result result = switch (r.getResultType()) {
        case PASS -> Result.PASS;
        case FAIL -> Result.FAIL;
        case NEUTRAL, POLICY -> Result.NEUTRAL;
        case TEMPERROR -> Result.TEMPERROR;
        case PERMERROR -> Result.PERMERROR;
        case NONE -> Result.NONE;
      };
      String reason = result == Result.PASS ? "good signature" : r.getErrorMessage() == null ? "" : r.getErrorMessage();
      String field = rec instanceof UntimedRecord u ? "DKIM-Signature:" + u.tags : r.getDkimRawField();
      String late = result == Result.PASS || result == Result.FAIL ? judgeTimes(field, clock.instant()) : null;
      if (late != null) {
        result = Result.FAIL;
        reason = late;
      }
      checks.add(new Check("dkim", result, reason, props));
    }
    if (checks.isEmpty() && error != null && !error.contains("DKIM-Signature field not found")) {
      checks.add(new Check("dkim", Result.PERMERROR, error, Map.of()));
    }
    return checks;
  }

  /**
   * Why a signature's times make it fail at {@code now}, or null when they do not: past its
   * {@code x=} (RFC 6376 §3.5: "Signatures MAY be considered invalid if the verification time at
   * the Verifier is past the expiration date"; §6.1.1: "return PERMFAIL (signature expired)"), or
   * made after {@code now} ({@code t=} in the future, which jDKIM rejects as well, only against the
   * real clock). An expired signature is reported {@code fail}: RFC 8601 §2.7.1 gives {@code fail}
   * to a signature that failed the verifier's tests, {@code neutral} to one with syntax errors or
   * that could not be processed, {@code permerror} to a message that could not be verified; an
   * expired signature is well formed and was verified, and is refused. ({@code policy}, a signature
   * "not acceptable to the ADMD", would fit too; {@link Result} has no such value.)
   */
  static String judgeTimes(String field, Instant now) {
    long seconds = now.getEpochSecond();
    Long expires = seconds(tag(field, "x"));
    if (expires != null && seconds > expires) {
      return "signature expired at " + Instant.ofEpochSecond(expires) + " (x=" + expires + "), verified at " + now;
    }
    Long made = seconds(tag(field, "t"));
    if (made != null && made > seconds) {
      return "signature made in the future: t=" + made + " (" + Instant.ofEpochSecond(made) + "), verified at " + now;
    }
    return null;
  }

  /** A {@code t=} or {@code x=} value (1 to 12 digits, RFC 6376 §3.5), or null when absent or not one. */
  private static Long seconds(String value) {
    String v = value.replaceAll("\\s+", "");
    return v.matches("[0-9]{1,12}") ? Long.valueOf(v) : null;
  }

  /**
   * jDKIM's verifier shown each signature without its time stamp: jDKIM 0.5 compares {@code t=}
   * with the real clock, and {@link #judgeTimes} compares it with the server's. The signed header
   * data come from the raw field, not from this record, so the verification is otherwise the same.
   */
  private static final class UntimedVerifier extends DKIMVerifier {
    UntimedVerifier(ZoneKeyRetriever keys) {
      super(keys);
      Ed25519Sha256.install();
    }

    /** jDKIM's key record, reading a {@code k=ed25519} key as RFC 8463 §4 defines it (see {@link Ed25519Sha256}). */
    @Override
    protected PublicKeyRecord newPublicKeyRecord(String record) {
      return new DkimKeyRecord(record);
    }

    @Override
    public SignatureRecord newSignatureRecord(String record) {
      return new UntimedRecord(record);
    }
  }

  /** A signature record without its time stamp, keeping its tag list (a passing result has no raw field). */
  private static final class UntimedRecord extends SignatureRecordImpl {
    final String tags;

    UntimedRecord(String tags) {
      super(tags);
      this.tags = tags;
    }

    @Override
    public Long getSignatureTimestamp() {
      return null;
    }
  }

  private static String text(CharSequence s) {
    return s == null ? "" : s.toString();
  }

  private static String bValue(String field) {
    return tag(field, "b").replaceAll("\\s+", "");
  }

  /** A tag of a raw DKIM-Signature field (name and value), or an empty string. */
  private static String tag(String field, String name) {
    if (field == null) {
      return "";
    }
    int colon = field.indexOf(':');
    for (String part : field.substring(colon + 1).split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
        return part.substring(eq + 1).strip();
      }
    }
    return "";
  }

  // ---- DMARC ----

  private Check dmarc(ReceivedMessage m, Check spfCheck, List<Check> dkim) {
    Set<String> domains = new LinkedHashSet<>();
    List<String> fromFields = m.header("From");
    for (MailAddress a : m.from()) {
      int at = a.address().lastIndexOf('@');
      if (at > 0 && at < a.address().length() - 1) {
        domains.add(a.address().substring(at + 1).toLowerCase(Locale.ROOT));
      }
    }
    if (fromFields.size() != 1 || domains.isEmpty()) {
      return new Check("dmarc", Result.PERMERROR, fromFields.isEmpty() ? "no From field"
          : fromFields.size() > 1 ? "more than one From field" : "no domain in From", Map.of());
    }
    // Every author domain is judged (RFC 7489 §6.6.1); the message fails when any fails.
    Check worst = null;
    for (String d : domains) {
      Check c = dmarcFor(m, d, spfCheck, dkim);
      if (worst == null || rank(c) > rank(worst)) {
        worst = c;
      }
    }
    return worst;
  }

  private static int rank(Check c) {
    return switch (c.result()) {
      case NONE -> 0;
      case PASS -> 1;
      case TEMPERROR, PERMERROR -> 2;
      default -> 3 + switch (c.property("policy.dmarc")) {
        case "reject" -> 2;
        case "quarantine" -> 1;
        default -> 0;
      };
    };
  }

  private Check dmarcFor(ReceivedMessage m, String fromDomain, Check spfCheck, List<Check> dkim) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("header.from", fromDomain);
    String org;
    try {
      org = OrganizationalDomain.of(fromDomain);
    } catch (RuntimeException e) {
      org = fromDomain;
    }
    DmarcPolicy own = lookup(fromDomain);
    boolean subdomain = own == null && !org.equals(fromDomain);
    DmarcPolicy policy = subdomain ? lookup(org) : own;
    if (policy == null) {
      return new Check("dmarc", Result.NONE, "no DMARC record for " + fromDomain, props);
    }
    String requested = subdomain ? policy.sp() : policy.p();
    String spfDomain = spfCheck.property("smtp.mailfrom");
    spfDomain = spfDomain.isEmpty() ? spfCheck.property("smtp.helo") : spfDomain.substring(spfDomain.lastIndexOf('@') + 1);
    boolean spfAligned = spfCheck.passed() && OrganizationalDomain.aligned(spfDomain, fromDomain, policy.strictSpf());
    boolean dkimAligned = dkim.stream().anyMatch(c -> c.passed()
        && OrganizationalDomain.aligned(c.property("header.d"), fromDomain, policy.strictDkim()));
    if (spfAligned || dkimAligned) {
      props.put("policy.dmarc", "none");
      return new Check("dmarc", Result.PASS, "p=" + policy.p() + " sp=" + policy.sp() + " dis=none; aligned "
          + (dkimAligned ? "DKIM" : "SPF"), props);
    }
    String applied = sampled(m.id(), policy.pct()) ? requested : DmarcPolicy.lower(requested);
    props.put("policy.dmarc", applied);
    String why = "neither an SPF pass" + (spfCheck.passed() ? " aligned with " + fromDomain : "")
        + " nor a DKIM pass" + (dkim.stream().anyMatch(Check::passed) ? " aligned with " + fromDomain : "");
    return new Check("dmarc", Result.FAIL, "p=" + policy.p() + " sp=" + policy.sp() + (policy.pct() < 100
        ? " pct=" + policy.pct() : "") + " dis=" + applied + "; " + why, props);
  }

  /** Whether {@code pct} selects this message; by its id, so the same message always gets the same answer. */
  private static boolean sampled(String id, int pct) {
    return pct >= 100 || Math.floorMod(id.hashCode() * 0x9E3779B1, 100) < pct;
  }

  private DmarcPolicy lookup(String domain) {
    List<Record> txt;
    try {
      txt = zones.lookup("_dmarc." + domain, Type.TXT);
    } catch (IllegalArgumentException e) {
      return null;
    }
    DmarcPolicy found = null;
    for (Record r : txt) {
      String text = String.join("", ((TXTRecord) r).getStrings());
      if (!text.startsWith("v=DMARC1")) {
        continue;
      }
      DmarcPolicy p = DmarcPolicy.parse(domain, text);
      if (p != null) {
        if (found != null) {
          return null; // §6.6.3: more than one record is no record
        }
        found = p;
      }
    }
    return found;
  }
}
