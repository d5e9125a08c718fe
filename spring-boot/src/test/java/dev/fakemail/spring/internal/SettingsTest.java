package dev.fakemail.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import dev.fakemail.spring.EnableFakeMail;
import dev.fakemail.core.FakeMailFault;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What makes two test classes share a context (and a server), and the errors of bad settings. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SettingsTest {
  @EnableFakeMail(users = "a@x.test:pw")
  static class One {
  }

  @EnableFakeMail(users = "a@x.test:pw")
  static class SameAsOne {
  }

  @EnableFakeMail(users = "a@x.test:pw")
  @FakeMailFault(stage = Fault.Stage.RCPT, reply = "451 4.7.1 later")
  static class OneWithAFault {
  }

  @EnableFakeMail(use = Listener.IMAP)
  static class ImapAsSender {
  }

  @EnableFakeMail(httpUrlProperty = "x.url")
  static class UrlWithoutHttp {
  }

  @EnableFakeMail(providerKeys = "sendgrid:SG.key")
  static class ProviderKeyWithoutHttp {
  }

  @EnableFakeMail
  @FakeMailFault(stage = Fault.Stage.RCPT, reply = "not a reply")
  static class BadFault {
  }

  @EnableFakeMail(ports = "smtp:2525")
  static class BadPort {
  }

  static class Plain {
  }

  static Settings settings(Class<?> c) {
    return FakeMailContextCustomizerFactory.settings(c);
  }

  @Test
  void equalAnnotationsAreEqualSettings() {
    assertThat(settings(SameAsOne.class)).isEqualTo(settings(One.class)).hasSameHashCodeAs(settings(One.class));
    assertThat(new FakeMailContextCustomizerFactory().createContextCustomizer(One.class, java.util.List.of()))
        .isEqualTo(new FakeMailContextCustomizerFactory().createContextCustomizer(SameAsOne.class, java.util.List.of()));
  }

  @Test
  void classFaultRulesArePartOfTheSettings() {
    assertThat(settings(OneWithAFault.class)).isNotEqualTo(settings(One.class));
    assertThat(settings(OneWithAFault.class).faults()).hasSize(1);
  }

  @Test
  void aClassWithoutTheAnnotationGetsNoCustomizer() {
    assertThat(new FakeMailContextCustomizerFactory().createContextCustomizer(Plain.class, java.util.List.of())).isNull();
  }

  @Test
  void badSettingsNameTheAnnotationAndTheClass() {
    assertThatThrownBy(() -> settings(ImapAsSender.class))
        .hasMessageContaining("@EnableFakeMail on " + ImapAsSender.class.getName()).hasMessageContaining("use = IMAP");
    assertThatThrownBy(() -> settings(UrlWithoutHttp.class)).hasMessageContaining("httpUrlProperty needs http = true");
    assertThatThrownBy(() -> settings(ProviderKeyWithoutHttp.class)).hasMessageContaining("providerKeys")
        .hasMessageContaining("need http = true");
    assertThatThrownBy(() -> settings(BadFault.class)).hasMessageContaining("@FakeMailFault(stage = RCPT)");
    assertThatThrownBy(() -> settings(BadPort.class)).hasMessageContaining("ports: expected listener=port");
  }
}
