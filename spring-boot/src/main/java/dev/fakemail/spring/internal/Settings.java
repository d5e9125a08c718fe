package dev.fakemail.spring.internal;

import dev.fakemail.core.User;
import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.FakeMailFault;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import dev.fakemail.spring.EnableFakeMail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link EnableFakeMail} annotation and the class-level {@link FakeMailFault}s beside it, checked,
 * as a value: equal settings share a cached application context (and its server).
 */
final class Settings {
  private final EnableFakeMail mail;
  private final List<FakeMailFault> faultAnnotations;
  private final List<Fault> faults;
  private final String origin;

  Settings(EnableFakeMail mail, List<FakeMailFault> faultAnnotations, Class<?> testClass) {
    this.mail = mail;
    this.faultAnnotations = List.copyOf(faultAnnotations);
    this.origin = "@EnableFakeMail on " + testClass.getName();
    this.faults = faults(faultAnnotations, origin);
    if (!EnumSet.of(Listener.SMTP, Listener.SUBMISSION, Listener.SMTPS).contains(mail.use())) {
      throw new IllegalStateException(origin + ": use = " + mail.use() + ": the application sends mail through smtp, submission or smtps");
    }
    if (mail.httpUrlProperty().length > 0 && !mail.http()) {
      throw new IllegalStateException(origin + ": httpUrlProperty needs http = true");
    }
    if (mail.providerKeys().length > 0 && !mail.http()) {
      throw new IllegalStateException(origin + ": providerKeys are keys of the HTTP inspector's provider APIs and need http = true");
    }
    if (mail.http()) {
      HttpInspector.requireOnClasspath(origin);
    }
    try {
      builder(); // fail before the context starts on a bad value, naming the annotation
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(origin + ": " + e.getMessage(), e);
    }
  }

  EnableFakeMail annotation() {
    return mail;
  }

  String origin() {
    return origin;
  }

  List<Fault> faults() {
    return faults;
  }

  /** The first declared user: the application's {@code spring.mail.username}. */
  Optional<User> firstUser() {
    return mail.users().length == 0 ? Optional.empty() : Optional.of(User.parse(mail.users()[0]));
  }

  FakeMailConfig.Builder builder() {
    FakeMailConfig.Builder b = FakeMailServer.builder();
    if (mail.listeners().length > 0) {
      Set<Listener> listeners = EnumSet.copyOf(Arrays.asList(mail.listeners()));
      listeners.add(mail.use());
      if (mail.imapPortProperty().length > 0) {
        listeners.add(Listener.IMAP);
      }
      b.listeners(listeners.toArray(Listener[]::new));
    } else if (mail.imapPortProperty().length > 0) {
      b.listeners(Listener.SMTP, Listener.SUBMISSION, Listener.SMTPS, Listener.IMAP);
    }
    for (String spec : mail.ports()) {
      int eq = spec.indexOf('=');
      try {
        b.port(Listener.fromId(eq < 0 ? "" : spec.substring(0, eq).trim()), Integer.parseInt(spec.substring(eq + 1).trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ports: expected listener=port such as \"smtp=2525\", got '" + spec + "'", e);
      }
    }
    for (String spec : mail.users()) {
      User u;
      try {
        u = User.parse(spec);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("users: " + e.getMessage(), e);
      }
      b.user(u.address(), u.password(), u.login());
    }
    if (mail.authRequired()) {
      b.authRequired(true);
    }
    if (mail.maxMessageSize() != FakeMailConfig.DEFAULT_MAX_MESSAGE_SIZE) {
      b.maxMessageSize(mail.maxMessageSize());
    }
    if (mail.localDomains().length > 0) {
      b.localDomain(mail.localDomains());
    }
    for (String record : mail.dnsRecords()) {
      try {
        b.dnsRecord(DnsRecord.parse(record));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("dnsRecords: " + e.getMessage(), e);
      }
    }
    return b;
  }

  /** The rules of {@link FakeMailFault} annotations, checked; errors name the origin. */
  static List<Fault> faults(List<FakeMailFault> annotations, String origin) {
    List<Fault> rules = new ArrayList<>();
    for (FakeMailFault a : annotations) {
      try {
        rules.add(Fault.from(a));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(origin + ": @FakeMailFault(stage = " + a.stage() + "): " + e.getMessage(), e);
      }
    }
    return rules;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Settings s && s.mail.equals(mail) && s.faultAnnotations.equals(faultAnnotations);
  }

  @Override
  public int hashCode() {
    return mail.hashCode() * 31 + faultAnnotations.hashCode();
  }

  @Override
  public String toString() {
    return origin;
  }
}
