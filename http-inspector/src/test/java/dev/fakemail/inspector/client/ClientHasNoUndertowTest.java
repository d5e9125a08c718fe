package dev.fakemail.inspector.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client, the JSON records it reads and the route paths it builds URLs from must run without Undertow (it is an optional dependency
 * of this artifact): none of their class files may name an Undertow or XNIO class.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientHasNoUndertowTest {

  @Test
  void clientAndJsonRecordsReferenceNoUndertowClass() throws IOException, URISyntaxException {
    List<Path> classes = classFiles("dev/fakemail/inspector/client", "dev/fakemail/inspector/internal/json");
    assertThat(classes).isNotEmpty();
    for (Path c : classes) {
      String constants = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
      assertThat(constants).as(c.toString()).doesNotContain("io/undertow").doesNotContain("org/xnio");
    }
  }

  private static List<Path> classFiles(String... packages) throws URISyntaxException, IOException {
    Path root = Path.of(FakeMailClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> a = Files.list(root.resolve(packages[0])); Stream<Path> b = Files.list(root.resolve(packages[1]))) {
      return Stream.concat(Stream.concat(a, b), Stream.of(root.resolve("dev/fakemail/inspector/internal/ApiPaths.class")))
          .filter(p -> p.toString().endsWith(".class")).toList();
    }
  }

  @Test
  void clientClassLoadsWithoutUndertowOnTheClassPath() throws Exception {
    Path root = Path.of(FakeMailClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ClassLoader parent = FakeMailClient.class.getClassLoader();
    ClassLoader noUndertow = new ClassLoader(parent.getParent()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          if (name.startsWith("io.undertow.") || name.startsWith("org.xnio.")) {
            throw new ClassNotFoundException(name + " is hidden in this test");
          }
          Class<?> c = findLoadedClass(name);
          if (c == null && name.startsWith("dev.fakemail.inspector.")) {
            c = define(name);
          }
          if (c == null) {
            c = parent.loadClass(name);
          }
          if (resolve) {
            resolveClass(c);
          }
          return c;
        }
      }

      private Class<?> define(String name) throws ClassNotFoundException {
        Path file = root.resolve(name.replace('.', '/') + ".class");
        if (!Files.exists(file)) {
          return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
          byte[] b = in.readAllBytes();
          return defineClass(name, b, 0, b.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    };
    Class<?> client = noUndertow.loadClass(FakeMailClient.class.getName());
    Object c = client.getMethod("connect", java.net.URI.class).invoke(null, java.net.URI.create("http://127.0.0.1:1"));
    assertThat(client.getMethod("isHealthy").invoke(c)).isEqualTo(false);
  }
}
