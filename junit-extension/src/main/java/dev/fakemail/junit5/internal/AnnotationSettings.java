package dev.fakemail.junit5.internal;

import dev.fakemail.core.User;
import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.Fault;
import dev.fakemail.core.FakeMailFault;
import dev.fakemail.core.Listener;
import dev.fakemail.junit5.FakeMail;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Turns a {@link FakeMail} annotation (and the {@link FakeMailFault}s beside it) into {@link ServerSettings}. */
public final class AnnotationSettings {
  private AnnotationSettings() {}

  /**
   * @param mail the annotation, or null for every default
   * @throws ExtensionConfigurationException naming the annotated element when a setting is wrong
   *     or not available in this version
   */
  public static ServerSettings from(FakeMail mail, List<FakeMailFault> faults, AnnotatedElement element) {
    String origin = (mail == null ? "FakeMailExtension on " : "@FakeMail on ") + describe(element);
    if (mail != null && mail.http()) {
      HttpInspector.requireOnClasspath(origin);
    }
    List<Fault> rules = faults(faults, origin);
    if (mail == null) {
      return new ServerSettings(FakeMailConfig.builder().build(), rules, origin, false, List.of());
    }
    List<Consumer<FakeMailConfig.Builder>> steps = new ArrayList<>();
    if (mail.listeners().length > 0) {
      Listener[] listeners = mail.listeners().clone();
      steps.add(b -> b.listeners(listeners));
    }
    for (String spec : mail.ports()) {
      Listener listener;
      int port;
      int eq = spec.indexOf('=');
      try {
        listener = Listener.fromId(eq < 0 ? "" : spec.substring(0, eq));
        port = Integer.parseInt(spec.substring(eq + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException(origin + ": ports: expected listener=port such as \"smtp=2525\", got '"
            + spec + "'" + (eq < 0 ? "" : " (" + e.getMessage() + ")"), e);
      }
      steps.add(b -> b.port(listener, port));
    }
    for (String spec : mail.users()) {
      User u = parseUser(spec, origin);
      steps.add(b -> b.user(u));
    }
    if (mail.authRequired()) {
      steps.add(b -> b.authRequired(true));
    }
    if (mail.maxMessageSize() != FakeMailConfig.DEFAULT_MAX_MESSAGE_SIZE) {
      long size = mail.maxMessageSize();
      steps.add(b -> b.maxMessageSize(size));
    }
    if (mail.localDomains().length > 0) {
      String[] domains = mail.localDomains().clone();
      steps.add(b -> b.localDomain(domains));
    }
    for (String record : mail.dnsRecords()) {
      DnsRecord parsed;
      try {
        parsed = DnsRecord.parse(record);
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException(origin + ": dnsRecords: " + e.getMessage(), e);
      }
      steps.add(b -> b.dnsRecord(parsed));
    }
    if (mail.enforce().length > 0) {
      String[] methods = mail.enforce().clone();
      steps.add(b -> b.enforce(methods));
    }
    FakeMailConfig config;
    try {
      FakeMailConfig.Builder b = FakeMailConfig.builder();
      steps.forEach(step -> step.accept(b));
      config = b.build(); // fail at once on a bad value, naming the annotation
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ExtensionConfigurationException(origin + ": " + e.getMessage(), e);
    }
    return new ServerSettings(config, rules, origin, mail.http(), List.of(mail.providerKeys()));
  }

  /**
   * The fault rules of {@link FakeMailFault} annotations, checked.
   *
   * @throws ExtensionConfigurationException naming the origin when a rule is wrong
   */
  public static List<Fault> faults(List<FakeMailFault> annotations, String origin) {
    List<Fault> rules = new ArrayList<>();
    for (FakeMailFault a : annotations) {
      try {
        rules.add(Fault.from(a));
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException(origin + ": @FakeMailFault(stage = " + a.stage() + "): " + e.getMessage(), e);
      }
    }
    return rules;
  }

  private static User parseUser(String spec, String origin) {
    try {
      return User.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(origin + ": users: " + e.getMessage(), e);
    }
  }

  static String describe(AnnotatedElement element) {
    if (element instanceof Class<?> c) {
      return c.getName();
    }
    if (element instanceof Method m) {
      return m.getDeclaringClass().getName() + "." + m.getName() + "()";
    }
    return String.valueOf(element);
  }
}
