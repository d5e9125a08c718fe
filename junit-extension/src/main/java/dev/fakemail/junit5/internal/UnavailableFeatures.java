package dev.fakemail.junit5.internal;

import dev.fakemail.junit5.FakeMail;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The settings of {@link FakeMail} that this version of the extension cannot honour yet. A test
 * that asks for one fails here, loudly, instead of running without it. When the extension learns
 * one, wire it into {@link AnnotationSettings} and remove its check from this class.
 */
final class UnavailableFeatures {
  private UnavailableFeatures() {}

  static void check(FakeMail mail, String origin) {
    if (mail != null && mail.http()) {
      throw new ExtensionConfigurationException(origin + ": http = true needs fakemail's HTTP inspector, which"
          + " @FakeMail does not start in this version. Remove the setting, and start"
          + " dev.fakemail.inspector.FakeMailHttpServer.start(server) of fakemail-http-inspector in the test.");
    }
  }
}
