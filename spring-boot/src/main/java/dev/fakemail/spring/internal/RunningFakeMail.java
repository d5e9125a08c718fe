package dev.fakemail.spring.internal;

import dev.fakemail.core.User;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import dev.fakemail.spring.EnableFakeMail;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server of one application context, its HTTP inspector, and the properties that point at them. */
final class RunningFakeMail {
  private static final Logger LOG = LoggerFactory.getLogger(RunningFakeMail.class);
  /** The SSL bundle (spring.ssl.bundle.pem.*) that trusts the server's certificate. */
  static final String SSL_BUNDLE = "fakemail";

  private final Settings settings;
  private final FakeMailServer server;
  private final HttpInspector http;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RunningFakeMail(Settings settings, FakeMailServer server, HttpInspector http) {
    this.settings = settings;
    this.server = server;
    this.http = http;
  }

  static RunningFakeMail start(Settings settings) {
    FakeMailServer server = settings.builder().start();
    try {
      settings.faults().forEach(server.faults()::add);
      HttpInspector http = settings.annotation().http() ? HttpInspector.start(server, settings.annotation().providerKeys(), settings.origin()) : null;
      LOG.debug("{}: fakemail started on {} {}", settings.origin(), server.host(), server.ports());
      return new RunningFakeMail(settings, server, http);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  FakeMailServer server() {
    return server;
  }

  /** Empties the server for the next test and sets the class's fault rules, then the method's. */
  void reset(List<Fault> methodFaults) {
    server.reset();
    settings.faults().forEach(server.faults()::add);
    methodFaults.forEach(server.faults()::add);
  }

  Settings settings() {
    return settings;
  }

  Map<String, Object> properties() {
    EnableFakeMail mail = settings.annotation();
    Map<String, Object> p = new LinkedHashMap<>();
    String host = server.host();
    int port = server.port(mail.use());
    p.put("spring.mail.host", host);
    p.put("spring.mail.port", port);
    p.put("spring.mail.protocol", "smtp");
    Optional<User> user = settings.firstUser();
    user.ifPresent(u -> {
      p.put("spring.mail.username", u.login());
      p.put("spring.mail.password", u.password());
      p.put("spring.mail.properties.mail.smtp.auth", "true");
    });
    // an SSL bundle that trusts this server's certificate only, for spring.mail.ssl.bundle and any other client
    p.put("spring.ssl.bundle.pem." + SSL_BUNDLE + ".truststore.certificate", server.tls().certificatePem());
    if (mail.use() == Listener.SUBMISSION) {
      p.put("spring.mail.ssl.bundle", SSL_BUNDLE);
      p.put("spring.mail.properties.mail.smtp.starttls.enable", "true");
      p.put("spring.mail.properties.mail.smtp.starttls.required", "true");
    } else if (mail.use() == Listener.SMTPS) {
      p.put("spring.mail.ssl.enabled", "true");
      p.put("spring.mail.ssl.bundle", SSL_BUNDLE);
    }
    p.put("fakemail.host", host);
    server.ports().forEach((listener, listenerPort) -> p.put("fakemail." + listener.id() + ".port", listenerPort));
    if (http != null) {
      p.put("fakemail.http.url", http.url());
      p.put("fakemail.http.port", http.port());
      for (String name : mail.httpUrlProperty()) {
        p.put(name, http.url());
      }
    }
    for (String name : mail.hostProperty()) {
      p.put(name, host);
    }
    for (String name : mail.portProperty()) {
      p.put(name, port);
    }
    for (String name : mail.imapPortProperty()) {
      p.put(name, server.port(Listener.IMAP));
    }
    return p;
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        if (http != null) {
          http.close();
        }
      } catch (Exception e) {
        LOG.warn("{}: stopping the HTTP inspector failed", settings.origin(), e);
      } finally {
        server.close();
      }
    }
  }
}
