package dev.fakemail.inspector;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.core.DeliveryFilter;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SimulatedNetwork;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The views of the web page beside Messages (Mailboxes, Sessions, Deliveries, DNS, Faults), the
 * message checks and previews, deep links and the keyboard, in headless Chromium; axe-core on
 * every view, and a screenshot of each saved with the failsafe reports.
 *
 * <p>corp.test is the inspected server; it relays mail for far.test to a second server, mx.far.test,
 * on one simulated network, and has no route to nowhere.test (so mail there bounces).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebViewsIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  /** A known HTML mail: its links and images, exactly. */
  private static final String SHOP_HTML = """
      <html><body><h1>Your order</h1>
      <p><a href="https://shop.example/orders/42">Track   your
      order</a> or <a href="mailto:help@shop.example">write to us</a> or <a href="tel:+15550100">call</a>.</p>
      <p><a href="http://shop.example/unsubscribe"><img src="https://cdn.shop.example/unsub.png" alt="Unsubscribe"></a></p>
      <img src="https://cdn.shop.example/logo.png" width="200" height="50">
      <img src="https://track.example/open.gif" width="1" height="1" alt="">
      </body></html>""";

  private final SimulatedNetwork net = new SimulatedNetwork();
  private FakeMailServer far;
  private FakeMailServer corp;
  private FakeMailHttpServer http;
  private TestMail smtp;
  private PageBrowser browser;

  @BeforeEach
  void start(@TempDir Path profile) {
    browser = new PageBrowser(profile);
    far = FakeMailServer.builder().network(net).hostname("mx.far.test").start();
    corp = FakeMailServer.builder().network(net).hostname("mx.corp.test")
        .localDomain("corp.test").dnsRecord("far.test MX 10 mx.far.test").start();
    http = FakeMailHttpServer.start(corp);
    smtp = new TestMail(corp.host(), corp.smtpPort());
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (http != null) {
      http.close();
    }
    if (corp != null) {
      corp.close();
    }
    if (far != null) {
      far.close();
    }
  }

  /** Opens the page at {@code hash} ("" or "#/view/id"). */
  private void open(String hash) {
    browser.driver.get(http.baseUri().resolve("/") + hash);
    browser.wait.until(ExpectedConditions.attributeToBe(By.id("live"), "class", "on"));
  }

  private WebElement waitFor(String css) {
    return browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private void waitForText(String css, String text) {
    browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  /**
   * The text of the first element {@code css} selects, once shown: looked up afresh at each try, so
   * that a list redrawn by an event between the look-up and the read (every list is, on every event)
   * is read again instead of failing as a stale element.
   */
  private String textOf(String css) {
    return browser.wait.until(d -> {
      try {
        List<WebElement> found = d.findElements(By.cssSelector(css));
        return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0).getText();
      } catch (StaleElementReferenceException e) {
        return null;
      }
    });
  }

  /** Clicks the first element {@code css} selects, looked up afresh and clicked in one try (see {@link #textOf}). */
  private void click(String css) {
    browser.wait.until(d -> {
      try {
        d.findElement(By.cssSelector(css)).click();
        return true;
      } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
        return false;
      }
    });
  }

  /** A POP3 conversation over a plain socket: one line each, replies read and ignored. */
  private static void pop3(String host, int port, String... lines) throws IOException {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      in.readLine();
      for (String l : lines) {
        out.write((l + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertThat(in.readLine()).as(l).startsWith("+OK");
      }
    }
  }

  private ReceivedMessage sendShopMail() throws MessagingException {
    MimeMessage m = smtp.message("Shop <orders@shop.example>", "bob@corp.test", "Order 42 shipped");
    m.setContent(SHOP_HTML, "text/html; charset=UTF-8");
    Transport.send(m);
    return corp.awaitMessage(to("bob@corp.test"), WAIT);
  }

  @Test
  void deepLinksOpenTheMessageAndItsSessionWhoseTranscriptShows() throws Exception {
    smtp.text("alice@corp.test", "bob@corp.test", "Deep linked", "hello");
    ReceivedMessage m = corp.awaitMessage(to("bob@corp.test"), WAIT);

    open("#/messages/" + m.id());
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "Deep linked"));
    assertThat(browser.driver.findElement(By.cssSelector("#views a[aria-current=page]")).getText()).isEqualTo("Messages");
    browser.driver.findElement(By.id("tab-session")).click();
    WebElement sessionLink = waitFor("#session a");
    assertThat(sessionLink.getText()).isEqualTo(m.session().sessionId());

    sessionLink.click();
    browser.wait.until(ExpectedConditions.urlContains("#/sessions/" + m.session().sessionId()));
    waitForText("#session-title", m.session().sessionId());
    waitForText("#transcript", "DATA");
    assertThat(browser.driver.findElement(By.id("transcript")).getText()).contains("MAIL FROM:<alice@corp.test>");
    assertThat(browser.driver.findElement(By.id("session-summary")).getText()).contains(m.id());
    browser.screenshot("sessions.png");
    browser.assertNoAccessibilityViolations("Sessions view");

    // a deep link typed into a fresh page lands on the same place
    browser.driver.get("about:blank");
    open("#/sessions/" + m.session().sessionId());
    waitForText("#session-title", m.session().sessionId());
  }

  @Test
  void sessionsFilterByListenerAndClient() throws Exception {
    smtp.text("alice@corp.test", "bob@corp.test", "one", "x");
    corp.awaitMessage(to("bob@corp.test"), WAIT);
    pop3(corp.host(), corp.pop3Port(), "USER bob@corp.test", "PASS secret", "STAT", "QUIT");
    open("#/sessions");
    browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions li"), 2));
    Select listener = new Select(browser.driver.findElement(By.id("session-listener")));
    browser.wait.until(d -> listener.getOptions().size() == 3);
    listener.selectByVisibleText("pop3");
    browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions li"), 1));
    WebElement pop3 = browser.driver.findElement(By.cssSelector("#sessions li a"));
    assertThat(pop3.getText()).startsWith("pop3-").contains("user bob@corp.test");
    pop3.click();
    waitForText("#transcript", "STAT");
    assertThat(browser.driver.findElement(By.id("transcript")).getText()).doesNotContain("secret");
    listener.selectByVisibleText("smtp");
    browser.wait.until(d -> d.findElement(By.cssSelector("#sessions li a")).getText().startsWith("smtp-"));
    listener.selectByVisibleText("all");
    browser.driver.findElement(By.id("session-filter")).sendKeys("bob@corp");
    browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions li"), 1));
    browser.driver.findElement(By.id("session-filter")).sendKeys("-no-such-user");
    browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions li"), 0));
    assertThat(browser.driver.findElement(By.id("sessions-empty")).isDisplayed()).isTrue();
  }

  @Test
  void aSessionAppearsWhileOpenItsTranscriptGrowsAndItClosesLiveFromSessionEvents() throws Exception {
    open("#/sessions");
    assertThat(browser.driver.findElement(By.id("sessions-empty")).isDisplayed()).isTrue();
    try (Socket s = new Socket(corp.host(), corp.imapPort())) {
      s.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      assertThat(in.readLine()).startsWith("* OK");
      // opened: listed at once, marked open, without a reload (the page no longer polls sessions)
      WebElement item = browser.wait.until(d -> d.findElements(By.cssSelector("#sessions li a")).stream()
          .filter(a -> a.getText().startsWith("imap-")).findFirst().orElse(null));
      assertThat(item.getText()).endsWith("open");
      item.click();
      waitFor("#transcript");
      out.write("a CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      while (!in.readLine().startsWith("a OK")) {
        // the capability list
      }
      waitForText("#transcript", "a CAPABILITY");
      waitForText("#session-summary", "still open");
      browser.screenshot("session-open.png");
      out.write("b LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      while (!in.readLine().startsWith("b OK")) {
        // BYE
      }
    }
    // closed: the list and the open session's summary say so
    browser.wait.until(d -> {
      try {
        return !d.findElement(By.cssSelector("#sessions li a")).getText().endsWith("open")
            && !d.findElement(By.id("session-summary")).getText().contains("still open");
      } catch (StaleElementReferenceException e) {
        return false;
      }
    });
    waitForText("#transcript", "b LOGOUT");
    browser.assertNoAccessibilityViolations("Sessions view, live");
  }

  @Test
  void relayBounceAppearsLiveInDeliveriesAndLinksToItsDsn() throws Exception {
    open("#/deliveries");
    assertThat(browser.driver.findElement(By.id("deliveries-empty")).isDisplayed()).isTrue();

    smtp.text("alice@corp.test", "bob@far.test", "relay me", "x");
    smtp.text("alice@corp.test", "nobody@nowhere.test", "no route", "x");
    DeliveryAttempt bounced = corp.awaitDelivery(DeliveryFilter.to("nobody@nowhere.test"), WAIT);
    corp.awaitDelivery(DeliveryFilter.to("bob@far.test"), WAIT);

    assertThat(textOf(".timeline[data-message-id='" + bounced.messageId() + "']"))
        .contains("bounced").contains("nobody@nowhere.test").contains("5.4.4");
    waitForText(".timeline .badge.delivered", "delivered");
    WebElement dsn = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".timeline[data-message-id='" + bounced.messageId() + "'] .dsn a")));
    browser.screenshot("deliveries.png");
    browser.assertNoAccessibilityViolations("Deliveries view");

    dsn.click();
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "Undelivered Mail Returned to Sender"));
    assertThat(browser.driver.findElement(By.id("summary")).getText()).contains("alice@corp.test");
  }

  @Test
  void aDeferredAttemptAndItsRetryAfterTheClockIsAdvancedFromThePageFormOneTimeline() throws Exception {
    far.faults().add(Fault.at(Fault.Stage.RCPT).reply("451 4.7.1 try later").times(1));
    open("#/deliveries");
    smtp.text("alice@corp.test", "bob@far.test", "retry me", "x");
    DeliveryAttempt deferred = corp.awaitDelivery(DeliveryFilter.outcome(DeliveryAttempt.Outcome.DEFERRED), WAIT);
    waitForText(".timeline .attempt.deferred", "451 4.7.1 try later");

    WebElement duration = browser.driver.findElement(By.id("clock-duration"));
    duration.clear();
    duration.sendKeys("2m");
    browser.driver.findElement(By.cssSelector("#clock-form button")).click();
    corp.awaitDelivery(DeliveryFilter.outcome(DeliveryAttempt.Outcome.DELIVERED), WAIT);
    waitForText("#clock-now", "simulated time now");

    String timeline = ".timeline[data-message-id='" + deferred.messageId() + "'] .attempt";
    List<String> attempts = browser.wait.until(d -> {
      try {
        List<String> texts = d.findElements(By.cssSelector(timeline)).stream().map(WebElement::getText).toList();
        return texts.size() == 2 ? texts : null;
      } catch (StaleElementReferenceException e) {
        return null; // the live page re-rendered the timeline between the lookup and the read: look again
      }
    });
    assertThat(attempts.get(0)).startsWith("deferred").contains("attempt 1");
    assertThat(attempts.get(1)).startsWith("delivered").contains("attempt 2").contains("via mx.far.test");
    browser.screenshot("deliveries-retry.png");
  }

  @Test
  void mailboxesCountLive() throws Exception {
    open("#/mailboxes");
    smtp.text("alice@corp.test", "bob@corp.test", "one", "x");
    waitForText("#mailboxes tbody", "bob@corp.test");
    smtp.text("alice@corp.test", "bob@corp.test, carol@corp.test", "two", "x");
    corp.awaitMessages(to("carol@corp.test"), 1, WAIT);
    browser.wait.until(d -> d.findElements(By.cssSelector("#mailboxes tbody tr")).size() == 2);
    waitForCells("#mailboxes tr[data-address='bob@corp.test']", c -> c.startsWith("bob@corp.test | 2 | 2 | Folders"));
    browser.screenshot("mailboxes.png");
    browser.assertNoAccessibilityViolations("Mailboxes view");

    // a mailbox leads to its messages
    browser.driver.findElement(By.cssSelector("#mailboxes tr[data-address='carol@corp.test'] a")).click();
    browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages li"), 1));
    assertThat(browser.driver.findElement(By.id("search")).getAttribute("value")).isEqualTo("carol@corp.test");
  }

  /** The cells of a table row, as text. */
  private static String cells(WebElement row) {
    return String.join(" | ", row.findElements(By.xpath("./td")).stream().map(WebElement::getText).toList());
  }

  /** Waits until the row {@code css} (re-rendered live, so looked up afresh each time) has these cells. */
  private void waitForCells(String css, java.util.function.Predicate<String> ok) {
    browser.wait.until(d -> {
      try {
        List<WebElement> rows = d.findElements(By.cssSelector(css));
        return !rows.isEmpty() && ok.test(cells(rows.get(0)));
      } catch (StaleElementReferenceException e) {
        return false; // replaced while read: look again
      }
    });
  }

  @Test
  void mailboxFoldersAndUnseenCountsFollowAnImapClientLive() throws Exception {
    smtp.text("alice@corp.test", "bob@corp.test", "one", "x");
    smtp.text("alice@corp.test", "bob@corp.test", "two", "x");
    corp.awaitMessages(to("bob@corp.test"), 2, WAIT);
    open("#/mailboxes");
    String bob = "#mailboxes tr[data-address='bob@corp.test']";
    waitForCells(bob, c -> c.startsWith("bob@corp.test | 2 | 2 | "));
    browser.wait.until(d -> {
      try {
        d.findElement(By.cssSelector(bob + " summary")).click();
        return true;
      } catch (StaleElementReferenceException e) {
        return false;
      }
    });
    waitForCells("#mailboxes tr[data-folder='INBOX']", "INBOX | 2 | 2 | yes"::equals);
    waitForCells("#mailboxes tr[data-folder='Junk']", "Junk (\\Junk) | 0 | 0 | yes"::equals);

    // an IMAP client reads one, makes a folder and drops a subscription: the open view follows, no reload
    ImapDialog.run(corp.host(), corp.imapPort(), "a LOGIN bob@corp.test pw", "b SELECT INBOX",
        "c STORE 2 +FLAGS (\\Seen)", "d CREATE Projects", "e UNSUBSCRIBE Trash", "f LOGOUT");
    waitForCells("#mailboxes tr[data-folder='INBOX']", "INBOX | 2 | 1 | yes"::equals);
    waitForCells("#mailboxes tr[data-folder='Projects']", "Projects | 0 | 0 | no"::equals);
    waitForCells("#mailboxes tr[data-folder='Trash']", "Trash (\\Trash) | 0 | 0 | no"::equals);
    waitForCells(bob, c -> c.startsWith("bob@corp.test | 2 | 1 | "));
    browser.screenshot("mailbox-folders.png");
    browser.assertNoAccessibilityViolations("Mailboxes view with folders open");

    ImapDialog.run(corp.host(), corp.imapPort(), "a LOGIN bob@corp.test pw", "b SELECT INBOX",
        "c STORE 1 +FLAGS (\\Seen)", "d LOGOUT");
    waitForCells("#mailboxes tr[data-folder='INBOX']", "INBOX | 2 | 0 | yes"::equals);
  }

  @Test
  void faultRuleAddedFromAPresetFiresAndShowsInTheTranscriptAndItsCount() throws Exception {
    open("#/faults");
    new Select(browser.driver.findElement(By.id("fault-preset"))).selectByValue("mailboxFull");
    browser.driver.findElement(By.id("fault-arg")).sendKeys("full@corp.test");
    browser.driver.findElement(By.cssSelector("#fault-form button[type=submit]")).click();
    String rule = textOf("#faults tbody tr");
    assertThat(corp.faults().list()).hasSize(1);
    String id = corp.faults().list().get(0).id();
    assertThat(rule).contains(id).contains("RCPT").contains("to=full@corp.test").contains("452");

    assertThatThrownBy(() -> smtp.text("alice@corp.test", "full@corp.test", "to a full box", "x"))
        .isInstanceOf(MessagingException.class);
    browser.wait.until(d -> d.findElement(By.cssSelector("#faults tbody tr td:nth-child(5)")).getText().equals("1"));
    browser.screenshot("faults.png");
    browser.assertNoAccessibilityViolations("Faults view");

    open("#/sessions");
    WebElement withFault = browser.wait.until(d -> d.findElements(By.cssSelector("#sessions a")).stream()
        .filter(a -> a.getText().contains("1 fault")).findFirst().orElse(null));
    withFault.click();
    WebElement line = waitFor("#transcript .fault");
    assertThat(line.getText()).contains("fault " + id + " fired");
    assertThat(line.getCssValue("background-color")).isNotEqualTo(
        browser.driver.findElement(By.cssSelector("#transcript .line:not(.fault)")).getCssValue("background-color"));
    browser.screenshot("session-fault.png");

    open("#/faults");
    waitFor("#faults tbody tr");
    browser.driver.findElement(By.id("faults-clear")).click();
    browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#faults tbody tr"), 0));
    assertThat(corp.faults().list()).isEmpty();
  }

  @Test
  void dnsRecordsAreListedAddedAndRemoved() throws Exception {
    open("#/dns");
    waitForText("#dns tbody", "mx.far.test");
    browser.driver.findElement(By.id("dns-record")).sendKeys("new.test MX 5 mx.new.test");
    browser.driver.findElement(By.cssSelector("#dns-form button")).click();
    waitForText("#dns tbody", "mx.new.test");
    assertThat(corp.dns().records("new.test")).hasSize(1);

    browser.driver.findElement(By.id("dns-record")).sendKeys("bad.test A not-an-address");
    browser.driver.findElement(By.cssSelector("#dns-form button")).click();
    browser.wait.until(d -> !d.findElement(By.id("dns-error")).getText().isEmpty());
    browser.screenshot("dns.png");
    browser.assertNoAccessibilityViolations("DNS view");

    browser.driver.findElement(By.cssSelector("button[aria-label='Remove new.test MX 5 mx.new.test']")).click();
    browser.wait.until(d -> !d.findElement(By.cssSelector("#dns tbody")).getText().contains("mx.new.test"));
    assertThat(corp.dns().records("new.test")).isEmpty();
  }

  @Test
  void checksListExactlyTheLinksAndImagesOfAKnownMail() throws Exception {
    ReceivedMessage m = sendShopMail();
    open("#/messages/" + m.id());
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "Order 42 shipped"));
    browser.driver.findElement(By.id("tab-checks")).click();

    List<String> links = browser.driver.findElements(By.cssSelector("#links tbody tr")).stream().map(WebElement::getText).toList();
    assertThat(links).containsExactly(
        "https https://shop.example/orders/42 Track your order",
        "mailto mailto:help@shop.example write to us",
        "tel tel:+15550100 call",
        "http (not encrypted) http://shop.example/unsubscribe [image: Unsubscribe]");
    List<String> images = browser.driver.findElements(By.cssSelector("#images tbody tr")).stream().map(WebElement::getText).toList();
    assertThat(images).containsExactly(
        "https://cdn.shop.example/unsub.png Unsubscribe",
        "https://cdn.shop.example/logo.png 200\u00d750 (missing)",
        "https://track.example/open.gif 1\u00d71 tracking pixel?");
    String findings = browser.driver.findElement(By.id("findings")).getText();
    assertThat(findings).contains("No plain-text part").contains("1 image has no alt attribute")
        .contains("1 tracking-pixel sized image").contains("No List-Unsubscribe header").doesNotContain("clips it");
    browser.screenshot("message-checks.png");
    browser.assertNoAccessibilityViolations("Message checks");
  }

  @Test
  void checksFlagHtmlOverTheGmailClippingLimitAndFindListUnsubscribe() throws Exception {
    MimeMessage big = smtp.message("news@shop.example", "bob@corp.test", "Big newsletter");
    big.setContent("<p>" + "x".repeat(110 * 1024) + "</p>", "text/html; charset=UTF-8");
    big.setHeader("List-Id", "<news.shop.example>");
    big.setHeader("List-Unsubscribe", "<https://shop.example/u/1>");
    Transport.send(big);
    ReceivedMessage m = corp.awaitMessage(to("bob@corp.test"), WAIT);
    open("#/messages/" + m.id());
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "Big newsletter"));
    browser.driver.findElement(By.id("tab-checks")).click();
    String findings = browser.driver.findElement(By.id("findings")).getText();
    assertThat(findings).contains("over 102 KB: Gmail clips it").contains("List-Unsubscribe: <https://shop.example/u/1>")
        .contains("No List-Unsubscribe-Post header");
  }

  @Test
  void htmlRendersAtPhoneAndDesktopWidthAndInADarkSchemeInsideTheSandbox() throws Exception {
    ReceivedMessage m = sendShopMail();
    open("#/messages/" + m.id());
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "Order 42 shipped"));
    browser.driver.findElement(By.id("tab-html")).click();
    WebElement frame = browser.driver.findElement(By.id("html"));
    assertThat(frame.getAttribute("sandbox")).as("still a sandbox with no permission").isEmpty();
    assertThat(frame.getSize().getWidth()).isGreaterThan(600);
    browser.screenshot("html-desktop.png");

    browser.driver.findElement(By.cssSelector(".preview[data-width=phone]")).click();
    browser.wait.until(d -> d.findElement(By.id("html")).getSize().getWidth() == 375);
    browser.driver.switchTo().frame(frame);
    waitForText("h1", "Your order");
    Object inner = browser.driver.executeScript("return document.documentElement.clientWidth");
    assertThat(((Number) inner).intValue()).as("the mail lays out at the phone's width").isLessThanOrEqualTo(375);
    browser.driver.switchTo().defaultContent();
    browser.screenshot("html-phone.png");

    browser.driver.findElement(By.id("dark")).click();
    browser.wait.until(d -> d.findElement(By.id("html")).getCssValue("color-scheme").equals("dark"));
    assertThat(frame.getCssValue("filter")).contains("invert");
    browser.screenshot("html-phone-dark.png");
    assertThat(frame.getAttribute("sandbox")).isEmpty();
    browser.assertNoAccessibilityViolations("HTML preview");
  }

  @Test
  void aMailWithItsOwnDarkStylesGetsThemInTheDarkPreviewInsteadOfInvertedColours() throws Exception {
    MimeMessage m = smtp.message("news@shop.example", "bob@corp.test", "Dark aware");
    m.setContent("<html><head><style>body { background: #ffffff; color: #000000 }"
        + " @media (prefers-color-scheme: dark) { body { background: #101010; color: #eeeeee } }</style></head>"
        + "<body><p id=\"p\">dark aware</p></body></html>", "text/html; charset=UTF-8");
    Transport.send(m);
    ReceivedMessage stored = corp.awaitMessage(to("bob@corp.test"), WAIT);
    open("#/messages/" + stored.id());
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "Dark aware"));
    assertThat(browser.driver.findElement(By.id("findings")).getAttribute("textContent")).contains("has its own dark scheme");
    browser.driver.findElement(By.id("tab-html")).click();
    browser.driver.findElement(By.id("dark")).click();
    WebElement frame = browser.driver.findElement(By.id("html"));
    browser.wait.until(d -> frame.getCssValue("color-scheme").equals("dark"));
    assertThat(frame.getCssValue("filter")).isEqualTo("none");
    browser.driver.switchTo().frame(frame);
    waitForText("#p", "dark aware");
    browser.wait.until(d -> d.findElement(By.tagName("body")).getCssValue("background-color").equals("rgba(16, 16, 16, 1)"));
    browser.driver.switchTo().defaultContent();
    browser.screenshot("html-own-dark.png");
  }

  @Test
  void keyboardMovesThroughMessagesAndViews() throws Exception {
    smtp.text("alice@corp.test", "bob@corp.test", "First", "x");
    smtp.text("alice@corp.test", "carol@corp.test", "Second", "x");
    corp.awaitMessage(to("carol@corp.test"), WAIT);
    open("");
    browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages li"), 2));
    WebElement body = browser.driver.findElement(By.tagName("body"));

    body.sendKeys("j");
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "Second"));
    browser.driver.switchTo().activeElement().sendKeys("j");
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "First"));
    browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_UP);
    assertThat(browser.driver.switchTo().activeElement().getText()).contains("Second");
    browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "Second"));

    browser.driver.findElement(By.id("tab-text")).click();
    browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-html");
    assertThat(browser.driver.findElement(By.id("panel-html")).isDisplayed()).isTrue();

    browser.driver.findElement(By.tagName("body")).sendKeys("3");
    browser.wait.until(ExpectedConditions.urlContains("#/sessions"));
    assertThat(browser.driver.findElement(By.cssSelector("#views a[aria-current=page]")).getText()).isEqualTo("Sessions");
    browser.driver.findElement(By.tagName("body")).sendKeys("/");
    assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("session-filter");
  }

  @Test
  void senderAuthenticationVerdictsShowAsTextBadgesInTheListAndTheirDetailsExpandInTheMessage() throws Exception {
    corp.dns().spf("good.test", "v=spf1 ip4:127.0.0.1 -all").dmarc("good.test", "v=DMARC1; p=reject");
    corp.dns().spf("spoofed.test", "v=spf1 ip4:192.0.2.1 -all").dmarc("spoofed.test", "v=DMARC1; p=reject");
    open("#/messages");
    smtp.text("alice@good.test", "bob@corp.test", "good", "one");
    smtp.text("ceo@spoofed.test", "bob@corp.test", "spoofed", "two");
    ReceivedMessage spoofed = corp.awaitMessage(dev.fakemail.core.MessageFilter.subject("spoofed"), WAIT);
    // live: both arrive without a reload, each with its three verdicts as words
    browser.wait.until(d -> d.findElements(By.cssSelector("#messages li .li-auth")).size() == 2);
    String spoofedItem = "#messages li[data-id='" + spoofed.id() + "'] .li-auth";
    assertThat(textOf(spoofedItem)).isEqualTo("SPF fail DKIM none DMARC fail");
    browser.wait.until(d -> {
      try {
        return d.findElements(By.cssSelector("#messages li .li-auth")).stream().map(WebElement::getText)
            .anyMatch("SPF pass DKIM none DMARC pass"::equals);
      } catch (StaleElementReferenceException e) {
        return false; // redrawn while read: look again
      }
    });

    click(spoofedItem);
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "spoofed"));
    List<WebElement> checks = browser.driver.findElements(By.cssSelector("#auth details.auth-check[data-method]"));
    assertThat(checks).extracting(c -> c.getAttribute("data-method")).containsExactly("spf", "dkim", "dmarc");
    WebElement spf = checks.get(0);
    assertThat(spf.findElement(By.tagName("summary")).getText()).isEqualTo("SPF fail for ceo@spoofed.test");
    assertThat(spf.findElement(By.tagName("dl")).isDisplayed()).isFalse();
    spf.findElement(By.tagName("summary")).click();
    browser.wait.until(d -> spf.findElement(By.tagName("dl")).isDisplayed());
    assertThat(spf.findElement(By.tagName("dl")).getText()).contains("smtp.mailfrom").contains("ceo@spoofed.test")
        .contains("Reason");
    assertThat(checks.get(1).getText()).isEqualTo("DKIM none no signature");
    assertThat(checks.get(2).getText()).isEqualTo("DMARC fail for spoofed.test");
    browser.screenshot("message-authentication.png");
    browser.assertNoAccessibilityViolations("Message view with sender authentication");
  }

  @Test
  void eachDkimSignatureIsItsOwnEntryWithItsDomainAndVerdict() throws Exception {
    com.fasterxml.jackson.databind.JsonNode key = Api.json(new Api(http.baseUri())
        .postJson("api/v1/dns/dkim-keys", "{\"domain\":\"shop.test\",\"selector\":\"s1\"}"));
    java.security.PrivateKey pk = java.security.KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec
        .PKCS8EncodedKeySpec(java.util.Base64.getMimeDecoder().decode(key.get("privateKeyPem").asText()
            .replaceAll("-----[A-Z ]+-----", ""))));
    String raw = "From: news@shop.test\r\nTo: bob@corp.test\r\nSubject: signed twice\r\n\r\nhello\r\n";
    String good = new org.apache.james.jdkim.DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=shop.test; s=s1; "
        + "h=from:to:subject; bh=; b=;", pk).sign(new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    // the same key under a domain that publishes none: that signature fails
    String unknown = new org.apache.james.jdkim.DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=other.test; s=s1; "
        + "h=from:to:subject; bh=; b=;", pk).sign(new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    smtp.raw("news@shop.test", "bob@corp.test", good + "\r\n" + unknown + "\r\n" + raw);
    ReceivedMessage m = corp.awaitMessage(dev.fakemail.core.MessageFilter.subject("signed twice"), WAIT);

    open("#/messages/" + m.id());
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "signed twice"));
    List<String> dkim = browser.driver.findElements(By.cssSelector("#auth details.auth-check[data-method=dkim] summary"))
        .stream().map(WebElement::getText).toList();
    assertThat(dkim).hasSize(2);
    assertThat(dkim).anySatisfy(t -> assertThat(t).startsWith("DKIM pass signature ").endsWith(" of 2, d=shop.test"));
    assertThat(dkim).anySatisfy(t -> assertThat(t).startsWith("DKIM fail signature ").endsWith(" of 2, d=other.test"));
    WebElement failing = browser.driver.findElements(By.cssSelector("#auth details.auth-check[data-method=dkim]")).stream()
        .filter(d -> d.getText().contains("other.test")).findFirst().orElseThrow();
    failing.findElement(By.tagName("summary")).click();
    browser.wait.until(d -> failing.findElement(By.tagName("dl")).isDisplayed());
    assertThat(failing.findElement(By.tagName("dl")).getText()).contains("header.d").contains("other.test").contains("Reason");
    assertThat(textOf("#messages li[data-id='" + m.id() + "'] .li-auth")).startsWith("SPF ").contains("DKIM pass");
    browser.screenshot("message-dkim-signatures.png");
    browser.assertNoAccessibilityViolations("Message view with two DKIM signatures");
  }

  @Test
  void aMessageSentThroughAProviderApiNamesTheProviderAndKeyInsteadOfAnSmtpSession() throws Exception {
    http.close();
    http = FakeMailHttpServer.builder(corp).providerKey("postmark", "pm-token").start();
    com.postmarkapp.postmark.client.data.model.message.Message pm = new com.postmarkapp.postmark.client.data.model.message
        .Message("shop@shop.test", "bob@corp.test", "Via Postmark", "<p>hi</p>");
    pm.setTextBody("hi");
    com.postmarkapp.postmark.Postmark.getApiClient("pm-token", false, http.host() + ":" + http.port()).deliverMessage(pm);
    ReceivedMessage m = corp.awaitMessage(dev.fakemail.core.MessageFilter.subject("Via Postmark"), WAIT);

    open("#/messages/" + m.id());
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "Via Postmark"));
    assertThat(browser.driver.findElement(By.id("summary")).getText())
        .contains("on postmark API (key " + m.session().authUser() + ")");
    browser.driver.findElement(By.id("tab-session")).click();
    waitForText("#session", "postmark HTTP API, key " + m.session().authUser());
    // the provider's message id is no SMTP session: nothing to link to
    assertThat(browser.driver.findElements(By.cssSelector("#session a"))).isEmpty();
    browser.screenshot("message-provider.png");
  }

  @Test
  void messagesViewWithAMessageOpenHasNoAccessibilityViolations() throws Exception {
    ReceivedMessage m = sendShopMail();
    open("#/messages/" + m.id());
    browser.wait.until(ExpectedConditions.textToBe(By.id("subject"), "Order 42 shipped"));
    browser.screenshot("messages.png");
    browser.assertNoAccessibilityViolations("Messages view");
  }
}
