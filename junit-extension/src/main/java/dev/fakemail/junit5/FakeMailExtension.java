package dev.fakemail.junit5;

import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.FakeMailFault;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import dev.fakemail.junit5.internal.AnnotationSettings;
import dev.fakemail.junit5.internal.HttpInspector;
import dev.fakemail.junit5.internal.RunningServer;
import dev.fakemail.junit5.internal.ServerSettings;
import dev.fakemail.junit5.internal.SystemPropertyPublisher;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link FakeMail}. Used two ways:
 *
 * <ul>
 *   <li>declaratively, through {@code @FakeMail} (which registers it), configured by the annotation;</li>
 *   <li>programmatically, configured in code:
 *       <pre>{@code
 * @RegisterExtension
 * static FakeMailExtension mail = FakeMailExtension.builder().user("alice@corp.test", "secret").build();
 *       }</pre>
 *       A {@code static} field gives one server per class, emptied before each test; an instance
 *       field gives one server per test. {@link #server()} returns it. A {@link FakeMailConfig}
 *       made elsewhere is used with {@code FakeMailExtension.builder().config(config)}.</li>
 * </ul>
 *
 * <p>Either way the server starts every listener (SMTP, submission, SMTPS, POP3, POP3S, IMAP and
 * IMAPS: {@link FakeMailConfig#DEFAULT_LISTENERS}, as {@link FakeMailServer#start()}) on a free
 * port of 127.0.0.1 unless told otherwise.
 *
 * <p>The server lives in the {@link ExtensionContext.Store} of the class or test it serves, so
 * JUnit stops it when that class or test ends. Parameters of type {@link FakeMailServer}, and
 * {@code int} ports qualified with {@link SmtpPort} and its siblings, are injected into
 * constructors, lifecycle methods and tests.
 */
public final class FakeMailExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FakeMailExtension.class);
  private static final String SERVER = "server";
  /** The owner of servers started from {@code @FakeMail}, whichever instance of this class did it. */
  private static final Object DECLARATIVE = new Object();

  /** Null when registered by {@code @FakeMail}; the settings built in code otherwise. */
  private final ServerSettings settings;
  /** Programmatic use only: the server most recently started, for {@link #server()}. */
  private final AtomicReference<FakeMailServer> current;

  /** The instance JUnit creates for {@code @FakeMail}; configure programmatic use with {@link #builder()}. */
  public FakeMailExtension() {
    this.settings = null;
    this.current = null;
  }

  private FakeMailExtension(ServerSettings settings) {
    this.settings = settings;
    this.current = new AtomicReference<>();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The server this extension started for the current class or test (programmatic use). When one
   * static extension serves several classes running in parallel (subclasses sharing the field), this
   * is the one started last: take a {@link FakeMailServer} parameter there instead.
   *
   * @throws IllegalStateException outside a test, or when the extension was registered by {@code @FakeMail}
   *     (take a {@link FakeMailServer} parameter instead)
   */
  public FakeMailServer server() {
    if (current == null) {
      throw new IllegalStateException("server() is for a FakeMailExtension built with FakeMailExtension.builder();"
          + " with @FakeMail, take a FakeMailServer parameter");
    }
    FakeMailServer s = current.get();
    if (s == null || !s.isRunning()) {
      throw new IllegalStateException("no fakemail server is running: call server() from a test or lifecycle method"
          + " of the class that registers this extension");
    }
    return s;
  }

  private boolean programmatic() {
    return settings != null;
  }

  private Object ownerMark() {
    return programmatic() ? this : DECLARATIVE;
  }

  // ---- lifecycle ----

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    Optional<FakeMail> annotation = AnnotationSupport.findAnnotation(testClass, FakeMail.class);
    if (programmatic()) {
      if (annotation.isPresent()) {
        throw new ExtensionConfigurationException(testClass.getName() + " has both @FakeMail and a registered"
            + " FakeMailExtension: use one of them");
      }
      if (!ownedHere(nearest(context))) {
        start(context, settings);
      }
    } else if (annotation.isPresent()) {
      start(context, AnnotationSettings.from(annotation.get(), faults(testClass), testClass));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    Class<?> testClass = context.getRequiredTestClass();
    Optional<FakeMail> annotation = AnnotationSupport.findAnnotation(method, FakeMail.class);
    RunningServer nearest = nearest(context);
    RunningServer serving;
    boolean classRulesConfigured = false;
    if (programmatic()) {
      if (annotation.isPresent()) {
        throw new ExtensionConfigurationException(method + " has @FakeMail, and its class a registered"
            + " FakeMailExtension: use one of them");
      }
      if (ownedHere(nearest)) {
        nearest.reset();
        serving = nearest;
      } else {
        serving = start(context, settings);
      }
      current.set(serving.server());
    } else if (annotation.isPresent()) {
      serving = start(context, AnnotationSettings.from(annotation.get(), List.of(), method));
    } else if (nearest == null) {
      // registered with @ExtendWith(FakeMailExtension.class) and no @FakeMail anywhere: every default
      serving = start(context, AnnotationSettings.from(null, List.of(), method));
    } else if (ownedHere(nearest)) {
      nearest.reset();
      serving = nearest;
      // the server of this very class has the class's rules in its configuration already
      classRulesConfigured = AnnotationSupport.findAnnotation(testClass, FakeMail.class).isPresent();
    } else {
      return; // a FakeMailExtension registered in code serves this test
    }
    List<FakeMailFault> perTest = classRulesConfigured ? new ArrayList<>() : faults(testClass);
    perTest.addAll(faults(method));
    String origin = "@FakeMailFault on " + method.getDeclaringClass().getName() + "." + method.getName() + "()";
    AnnotationSettings.faults(perTest, origin).forEach(serving.server().faults()::add);
  }

  private RunningServer start(ExtensionContext context, ServerSettings settings) {
    SystemPropertyPublisher publisher = publisher(context);
    RunningServer running;
    try {
      running = RunningServer.start(settings, ownerMark(), publisher);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ExtensionConfigurationException(settings.origin() + ": " + e.getMessage(), e);
    }
    context.getStore(NAMESPACE).put(SERVER, running);
    if (programmatic()) {
      current.set(running.server());
    }
    return running;
  }

  @SuppressWarnings("deprecation") // getOrComputeIfAbsent: still there in JUnit 6, and the only choice before 5.13
  private static SystemPropertyPublisher publisher(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SystemPropertyPublisher.class);
  }

  /** The server of this test, else of its class, else of an enclosing class. */
  private static RunningServer nearest(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(SERVER, RunningServer.class);
  }

  private boolean ownedHere(RunningServer running) {
    return running != null && running.owner() == ownerMark();
  }

  private static List<FakeMailFault> faults(AnnotatedElement element) {
    return new ArrayList<>(AnnotationSupport.findRepeatableAnnotations(element, FakeMailFault.class));
  }

  // ---- parameters ----

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == FakeMailServer.class) {
      return ownedHere(nearest(context));
    }
    if (parameter.isAnnotated(HttpPort.class)) {
      if (type != int.class && type != Integer.class) {
        throw new ParameterResolutionException("the HTTP port is injected into an int parameter, not " + type.getName());
      }
      return ownedHere(nearest(context));
    }
    if (parameter.isAnnotated(FakeMailPort.class)) {
      if (type != int.class && type != Integer.class) {
        throw new ParameterResolutionException("a port (" + portOf(parameter) + ") is injected into an int parameter, not "
            + type.getName());
      }
      return ownedHere(nearest(context));
    }
    return false;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RunningServer running = nearest(context);
    if (running == null) {
      throw new ParameterResolutionException("no fakemail server is running for " + parameter.getDeclaringExecutable());
    }
    FakeMailServer server = running.server();
    if (parameter.getParameter().getType() == FakeMailServer.class) {
      return server;
    }
    if (parameter.isAnnotated(HttpPort.class)) {
      return running.httpPort().orElseThrow(() -> new ParameterResolutionException(
          "cannot inject the HTTP port: the HTTP inspector was not started; use @FakeMail(http = true)"));
    }
    Listener listener = portOf(parameter);
    if (!server.ports().containsKey(listener)) {
      throw new ParameterResolutionException("cannot inject the " + listener.id() + " port: that listener was not started;"
          + " started: " + server.ports().keySet() + ". Add Listener." + listener + " to @FakeMail(listeners = ...)");
    }
    return server.port(listener);
  }

  private static Listener portOf(ParameterContext parameter) {
    return parameter.findAnnotation(FakeMailPort.class).orElseThrow().value();
  }

  /**
   * Configures a {@link FakeMailExtension} in code: a {@link FakeMailConfig} (or the settings of
   * {@link FakeMailConfig.Builder}, the common ones with a method here, the rest through
   * {@link #configure(Consumer)}), and fault rules in force for every test.
   *
   * <pre>{@code
   * static final FakeMailConfig MAIL = FakeMailConfig.builder().user("alice@corp.test", "secret").build();
   *
   * @RegisterExtension
   * static FakeMailExtension mail = FakeMailExtension.builder().config(MAIL).build();
   * }</pre>
   */
  public static final class Builder {
    private static final String ORIGIN = "FakeMailExtension.builder()";
    private FakeMailConfig.Builder config = FakeMailConfig.builder();
    private final List<Fault> faults = new ArrayList<>();
    private final List<String> providerKeys = new ArrayList<>();
    private boolean http;

    private Builder() {}

    /**
     * Starts from this configuration: it replaces every setting made on this builder so far;
     * settings made after it change it.
     */
    public Builder config(FakeMailConfig config) {
      this.config = config.toBuilder();
      return this;
    }

    /** Starts exactly these listeners (default: all seven, {@link FakeMailConfig#DEFAULT_LISTENERS}). */
    public Builder listeners(Listener... listeners) {
      return configure(b -> b.listeners(listeners));
    }

    /** Starts this listener on this port (0: any free port, the default). */
    public Builder port(Listener listener, int port) {
      return configure(b -> b.port(listener, port));
    }

    /** A record of the simulated DNS at start-up, {@code "far.test MX 10 mx.far.test"}. */
    public Builder dnsRecord(String record) {
      return configure(b -> b.dnsRecord(record));
    }

    /** Domains kept here; mail for any other domain is routed by the simulated DNS. */
    public Builder localDomain(String... domains) {
      return configure(b -> b.localDomain(domains));
    }

    /** A fault rule, in force for every test (set again after each reset). */
    public Builder fault(Fault rule) {
      faults.add(java.util.Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** A fault rule, built here: {@code fault(Fault.at(Stage.RCPT).to("bob@x.test").reply("452 4.2.2 full"))}. */
    public Builder fault(Fault.Builder rule) {
      return fault(rule.build());
    }

    /** Declares a user, which turns on strict mode. */
    public Builder user(String address, String password) {
      return configure(b -> b.user(address, password));
    }

    /**
     * Also starts the HTTP inspector (REST API, web page, provider send APIs) on a free port,
     * injected with {@link HttpPort}; as {@code @FakeMail(http = true)}.
     */
    public Builder http() {
      HttpInspector.requireOnClasspath(ORIGIN);
      this.http = true;
      return this;
    }

    /**
     * A key a relay service's send API accepts, {@code "provider:KEY"} such as {@code
     * "sendgrid:SG.test-key"} (strict mode for that provider; as {@code @FakeMail(providerKeys)}).
     * Needs {@link #http()}.
     */
    public Builder providerKey(String spec) {
      providerKeys.add(java.util.Objects.requireNonNull(spec, "spec"));
      return this;
    }

    public Builder authRequired(boolean required) {
      return configure(b -> b.authRequired(required));
    }

    public Builder maxMessageSize(long octets) {
      return configure(b -> b.maxMessageSize(octets));
    }

    /**
     * Any other setting of {@link FakeMailConfig.Builder}, applied now.
     *
     * @throws IllegalArgumentException at once when a setting is wrong
     */
    public Builder configure(Consumer<FakeMailConfig.Builder> step) {
      step.accept(config);
      return this;
    }

    /**
     * @throws IllegalStateException when no listener is left to start
     */
    public FakeMailExtension build() {
      return new FakeMailExtension(new ServerSettings(config.build(), faults, ORIGIN, http, providerKeys));
    }
  }
}
