package dev.fakemail.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.fakemail.core.FakeMailFault;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Settings that cannot work fail the test loudly, saying what to change; they are never ignored. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigurationErrorsIT {

  private static void assertFailsWith(Class<?> scenario, Class<? extends Throwable> type, String... fragments) {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .configurationParameter(OnlyInTestKit.PARAMETER, "true")
        .selectors(selectClass(scenario))
        .execute();
    Events events = results.allEvents();
    events.assertThatEvents().haveAtLeastOne(event(finishedWithFailure(instanceOf(type))));
    Throwable thrown = events.failed().stream()
        .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
        .filter(type::isInstance)
        .findFirst().orElseThrow();
    assertThat(thrown.getMessage()).contains(fragments);
    assertThat(results.testEvents().succeeded().count()).as("no test ran with the setting ignored").isZero();
  }

  @Test
  void malformedDnsRecordIsReportedWithTheAnnotatedClass() {
    assertFailsWith(WithBadDnsRecord.class, ExtensionConfigurationException.class, "WithBadDnsRecord", "an MX value is", "ten mx.far.test");
  }

  @Test
  void httpPortWithoutHttpIsRefusedWithTheFix() {
    assertFailsWith(WithHttpPortButNoHttp.class, org.junit.jupiter.api.extension.ParameterResolutionException.class,
        "HTTP inspector was not started", "http = true");
  }

  @Test
  void faultRuleWithoutReplyIsReportedWithTheTestMethod() {
    assertFailsWith(WithBadFault.class, ExtensionConfigurationException.class, "rejectsBob()", "@FakeMailFault(stage = RCPT)",
        "reply must be a full reply line");
  }

  @Test
  void malformedUserIsReportedWithTheAnnotatedClass() {
    assertFailsWith(WithBadUser.class, ExtensionConfigurationException.class, "WithBadUser", "users", "alice-without-password");
  }

  @Test
  void malformedPortIsReportedWithTheExpectedForm() {
    assertFailsWith(WithBadPort.class, ExtensionConfigurationException.class, "WithBadPort", "ports: expected listener=port",
        "'smtp:2525'");
  }

  @Test
  void portOfAListenerNotStartedIsAClearParameterError() {
    assertFailsWith(WithoutSubmission.class, ParameterResolutionException.class,
        "submission", "was not started", "Listener.SUBMISSION");
  }

  @Test
  void annotationAndRegisteredExtensionTogetherAreRefused() {
    assertFailsWith(WithBoth.class, ExtensionConfigurationException.class, "both @FakeMail and a registered FakeMailExtension");
  }

  @Test
  void providerKeysWithoutHttpAreRefusedWithTheFix() {
    assertFailsWith(WithProviderKeyButNoHttp.class, ExtensionConfigurationException.class, "WithProviderKeyButNoHttp",
        "providerKeys", "need http = true");
  }

  @Test
  void aProviderKeyOfAnUnknownProviderOrWithoutKeyIsReported() {
    assertFailsWith(WithUnknownProvider.class, ExtensionConfigurationException.class, "WithUnknownProvider",
        "providerKeys", "unknown provider 'sendmail'");
    assertFailsWith(WithProviderKeyWithoutKey.class, ExtensionConfigurationException.class, "WithProviderKeyWithoutKey",
        "providerKeys", "provider:KEY", "'sendgrid'");
  }

  @OnlyInTestKit
  @FakeMail(listeners = Listener.SMTP, providerKeys = "sendgrid:SG.key")
  static class WithProviderKeyButNoHttp {
    @Test
    void wouldSend(FakeMailServer mail) {
      assertThat(mail).isNotNull();
    }
  }

  @OnlyInTestKit
  @FakeMail(listeners = Listener.SMTP, http = true, providerKeys = "sendmail:key")
  static class WithUnknownProvider {
    @Test
    void wouldSend(FakeMailServer mail) {
      assertThat(mail).isNotNull();
    }
  }

  @OnlyInTestKit
  @FakeMail(listeners = Listener.SMTP, http = true, providerKeys = "sendgrid")
  static class WithProviderKeyWithoutKey {
    @Test
    void wouldSend(FakeMailServer mail) {
      assertThat(mail).isNotNull();
    }
  }

  @Test
  void builderRejectsABadSettingAtOnce() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> FakeMailExtension.builder().maxMessageSize(0).build());
  }

  @OnlyInTestKit
  @FakeMail(dnsRecords = "far.test MX ten mx.far.test")
  static class WithBadDnsRecord {
    @Test
    void wouldRelay(FakeMailServer mail) {
      assertThat(mail).isNotNull();
    }
  }

  @OnlyInTestKit
  @FakeMail
  static class WithBadFault {
    @Test
    @FakeMailFault(stage = Fault.Stage.RCPT, to = "bob@example.test")
    void rejectsBob(FakeMailServer mail) {
      assertThat(mail).isNotNull();
    }
  }

  @OnlyInTestKit
  @FakeMail(users = "alice-without-password")
  static class WithBadUser {
    @Test
    void wouldLogIn(FakeMailServer mail) {
      assertThat(mail).isNotNull();
    }
  }

  @OnlyInTestKit
  @FakeMail(ports = "smtp:2525")
  static class WithBadPort {
    @Test
    void wouldListen(FakeMailServer mail) {
      assertThat(mail).isNotNull();
    }
  }

  @OnlyInTestKit
  @FakeMail(listeners = Listener.SMTP)
  static class WithoutSubmission {
    @Test
    void wantsSubmission(@SubmissionPort int port) {
      assertThat(port).isPositive();
    }
  }

  @OnlyInTestKit
  @FakeMail
  static class WithBoth {
    @RegisterExtension
    static final FakeMailExtension MAIL = FakeMailExtension.builder().build();

    @Test
    void ambiguous() {
      assertThat(MAIL).isNotNull();
    }
  }

  @OnlyInTestKit
  @FakeMail
  static class WithHttpPortButNoHttp {
    @Test
    void wantsHttp(@HttpPort int port) {
      assertThat(port).isPositive();
    }
  }
}
