package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium with the local chromedriver (Selenium Manager never
 * runs, nothing is downloaded, every host name but the loopback fails), with screenshots saved
 * beside the test reports and the axe-core check of the page.
 */
final class PageBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Saved with the failsafe reports, so CI keeps them with the test results. */
  static final Path SCREENSHOTS = Path.of("target", "failsafe-reports", "screenshots");
  /** WCAG 2.1 A and AA, the level the page promises. */
  private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  final ChromeDriver driver;
  final WebDriverWait wait;

  PageBrowser(Path profile) {
    ExternalPrograms.require(CHROMIUM, "apt-get install -y chromium");
    ExternalPrograms.require(CHROMEDRIVER, "apt-get install -y chromium-driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1280,860", "--user-data-dir=" + profile,
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
  }

  /** Runs axe-core on the page as it is now and fails listing every WCAG 2.1 A/AA violation. */
  void assertNoAccessibilityViolations(String what) {
    assertNoAccessibilityViolations(driver, what);
  }

  /** Runs axe-core on the page {@code driver} shows now and fails listing every WCAG 2.1 A/AA violation. */
  static void assertNoAccessibilityViolations(WebDriver driver, String what) {
    // the sandboxed frame holds the mail's own HTML, not the page: it runs no script, so axe cannot enter it
    Results results = new AxeBuilder().withTags(WCAG_21_AA).disableIframeTesting().analyze(driver);
    List<Rule> violations = results.getViolations();
    assertThat(violations).as(() -> what + ": axe-core violations:\n" + violations.stream()
        .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at "
            + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n"))).isEmpty();
    assertThat(results.getPasses()).as(what + ": axe-core ran its checks").isNotEmpty();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
