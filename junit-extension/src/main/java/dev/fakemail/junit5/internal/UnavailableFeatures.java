package dev.fakemail.junit5.internal;

import dev.fakemail.junit5.FakeMail;
import dev.fakemail.junit5.FakeMailFault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The settings of {@link FakeMail} and {@link FakeMailFault} whose engine this version of fakemail
 * does not have yet. A test that asks for one fails here, loudly, instead of running without it.
 * When core gains the simulated DNS, the HTTP inspector hook or fault rules, wire the setting into
 * {@link AnnotationSettings} and remove its check from this class.
 */
final class UnavailableFeatures {
  private UnavailableFeatures() {}

  static void check(FakeMail mail, List<FakeMailFault> faults, String origin) {
    List<String> problems = new ArrayList<>();
    if (mail != null) {
      if (mail.localDomains().length > 0) {
        problems.add("localDomains needs fakemail's simulated DNS and relay, not available in this version");
      }
      if (mail.dnsRecords().length > 0) {
        problems.add("dnsRecords needs fakemail's simulated DNS, not available in this version");
      }
      if (mail.http()) {
        problems.add("http = true needs fakemail's HTTP inspector hook, not available in this version");
      }
    }
    if (!faults.isEmpty()) {
      problems.add("@FakeMailFault needs fakemail's fault rules, not available in this version"
          + " (" + faults.size() + (faults.size() == 1 ? " rule" : " rules") + " declared)");
    }
    if (!problems.isEmpty()) {
      throw new ExtensionConfigurationException(origin + ": " + String.join("; ", problems)
          + ". Remove the setting, or upgrade fakemail to a version that has it.");
    }
  }
}
