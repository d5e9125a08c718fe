package dev.fakemail.inspector;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real headless Chromium (Debian's chromium and chromium-driver), driven by
 * Selenium with the local chromedriver, so Selenium Manager never runs and nothing is downloaded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebPageIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private FakeMailServer mail;
  private FakeMailHttpServer http;
  private TestMail smtp;
  private ChromeDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void start(@TempDir Path profile) {
    ExternalPrograms.require(CHROMIUM, "apt-get install -y chromium");
    ExternalPrograms.require(CHROMEDRIVER, "apt-get install -y chromium-driver");
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.start(mail);
    smtp = new TestMail(mail.host(), mail.smtpPort());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1280,800", "--user-data-dir=" + profile,
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (http != null) {
      http.close();
    }
    if (mail != null) {
      mail.close();
    }
  }

  private void openPageAndWaitForLiveUpdates() {
    driver.get(http.baseUri().toString());
    wait.until(ExpectedConditions.attributeToBe(By.id("live"), "class", "on"));
  }

  private void screenshot(String name) throws Exception {
    Files.createDirectories(PageBrowser.SCREENSHOTS);
    Files.write(PageBrowser.SCREENSHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void messageSentOverSmtpAppearsWithoutReloadAndOpens() throws Exception {
    openPageAndWaitForLiveUpdates();
    assertThat(driver.findElements(By.cssSelector("#messages li"))).isEmpty();

    smtp.rich("Alice <alice@example.test>", "bob@example.test", "Your order has shipped",
        "Tracking number: ZX-42", "<p id=\"p\">static html</p><script>document.getElementById('p').textContent='script ran'</script>"
            + "<img id=\"remote\" src=\"http://tracker.example/pixel.png\">",
        "label.txt", "text/plain", "LABEL".getBytes(StandardCharsets.US_ASCII));

    // looked up afresh: the list is re-rendered by each event (ready, message) and an older item goes stale
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages li"), "Your order has shipped"));
    wait.until(d -> {
      try {
        WebElement item = d.findElement(By.cssSelector("#messages li"));
        assertThat(item.getText()).contains("Alice").contains("bob@example.test");
        item.click();
        return true;
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        return false; // re-rendered meanwhile: look again
      }
    });
    wait.until(ExpectedConditions.textToBe(By.id("subject"), "Your order has shipped"));
    assertThat(driver.findElement(By.id("text")).getText()).contains("Tracking number: ZX-42");
    assertThat(driver.findElement(By.id("summary")).getText()).contains("alice@example.test");
    WebElement download = driver.findElement(By.cssSelector("#attachments a"));
    assertThat(download.getText()).contains("label.txt");
    assertThat(download.getAttribute("href")).endsWith("/attachments/0");
    screenshot("webpage-message.png");

    driver.findElement(By.cssSelector(".tabs button[data-tab=html]")).click();
    WebElement frame = driver.findElement(By.id("html"));
    assertThat(frame.getAttribute("sandbox")).isEmpty();
    driver.switchTo().frame(frame);
    WebElement p = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("p")));
    assertThat(p.getText()).as("no script from the message runs").isEqualTo("static html");
    Object remoteLoaded = driver.executeScript("return document.getElementById('remote').naturalWidth");
    assertThat(((Number) remoteLoaded).intValue()).as("no remote image loads").isZero();
    driver.switchTo().defaultContent();
    screenshot("webpage-html.png");

    driver.findElement(By.cssSelector(".tabs button[data-tab=raw]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("raw"), "Subject: Your order has shipped"));
  }

  @Test
  void pageAsksForTheTokenWhenTheApiNeedsOneAndThenUpdatesLive() throws Exception {
    http.close();
    http = FakeMailHttpServer.builder(mail).apiToken("page-token").start();
    driver.get(http.baseUri().toString());

    // one in-page dialog, however many requests of the page were refused
    WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    assertThat(driver.findElements(By.cssSelector("dialog[open]"))).hasSize(1);
    assertThat(driver.switchTo().activeElement()).as("the token field has the focus").isEqualTo(input);
    screenshot("webpage-token.png");
    PageBrowser.assertNoAccessibilityViolations(driver, "token dialog");
    input.sendKeys("page-token\n");
    wait.until(ExpectedConditions.attributeToBe(By.id("live"), "class", "on"));
    assertThat(driver.findElements(By.cssSelector("dialog[open]"))).isEmpty();
    smtp.text("alice@example.test", "bob@example.test", "Behind a token", "x");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages li"), "Behind a token"));

    // kept for the tab: other views and a reload ask no more
    driver.get(http.baseUri().resolve("/") + "#/faults");
    wait.until(ExpectedConditions.attributeToBe(By.id("live"), "class", "on"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("faults-empty")));
    assertThat(driver.findElements(By.cssSelector("dialog[open]"))).isEmpty();
  }

  @Test
  void searchNarrowsTheListAndPurgeEmptiesIt() throws Exception {
    openPageAndWaitForLiveUpdates();
    smtp.text("alice@example.test", "bob@example.test", "For Bob", "x");
    smtp.text("alice@example.test", "carol@example.test", "For Carol", "x");
    mail.awaitMessage(to("carol@example.test"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages li"), 2));
    assertThat(firstItemText()).as("newest first").contains("For Carol");

    driver.findElement(By.id("search")).sendKeys("carol");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages li"), 1));
    assertThat(firstItemText()).contains("For Carol");

    driver.findElement(By.id("purge")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages li"), 0));
    assertThat(mail.messages()).isEmpty();
    screenshot("webpage-empty.png");
  }

  /** The first list item's text, read afresh until no redraw (one per event) interrupts the read. */
  private String firstItemText() {
    return wait.until(d -> {
      try {
        List<WebElement> items = d.findElements(By.cssSelector("#messages li"));
        return items.isEmpty() ? null : items.get(0).getText();
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        return null;
      }
    });
  }
}
