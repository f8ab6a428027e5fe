package newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import newsdesk.content.ContentJson;
import newsdesk.testing.Chromium;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A live blog in real headless Chromium (Debian's chromium and chromedriver): updates arrive
 * without a reload, survive a dropped connection exactly once, stay inert when hostile, and wait
 * behind a pill when the reader has scrolled away.
 */
class LiveBlogBrowserTest {
  private static final String SLUG = "harbour-storm-live";

  @TempDir Path dir;
  private TestServer server;
  private Chromium browser;
  private ChromeDriver driver;

  @BeforeEach
  void start() {
    browser = Chromium.start();
    driver = browser.driver();
    server = TestServer.start(dir.resolve("data"), Map.of("shutdown.retry-ms", "3000"));
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) browser.close();
    } finally {
      if (server != null) server.close();
    }
  }

  @Test
  void entriesArriveLiveAndADroppedConnectionReplaysTheMissedOneExactlyOnce() {
    createLiveBlog();
    openAndAwaitLive();
    Object loadedAt = js("return window.__ndLoadedAt");
    assertThat(loadedAt).isNotNull();

    // b. an entry appears without a reload
    long first = addEntry("Waves are breaking over the harbour wall.");
    waitFor(Duration.ofSeconds(2), By.id("entry-" + first));
    // getText() sees only rendered text, and the entry slides in: wait for it, not for a moment.
    await(Duration.ofSeconds(2), "the new entry's text", () ->
        driver.findElement(By.id("entry-" + first)).getText().contains("Waves are breaking over the harbour wall."));

    // c. an edit replaces it in place
    var edit = server.editor("PATCH", "/api/v1/stories/" + SLUG + "/entries/" + first,
        "{\"body\":\"Waves are breaking over the harbour wall and the promenade.\"}");
    assertThat(edit.statusCode()).isEqualTo(200);
    await(Duration.ofSeconds(2), "edited text", () ->
        driver.findElement(By.id("entry-" + first)).getText().contains("and the promenade"));

    // d. the stream drops; an entry posted meanwhile arrives after the browser's own reconnect
    server.app().sse().closeAll();
    await(Duration.ofSeconds(5), "the server to drop the page's stream", () -> server.app().sse().openConnections() == 0);
    long missed = addEntry("Posted while the reader was disconnected.");
    await(Duration.ofSeconds(10), "the browser to reconnect", () -> server.app().sse().openConnections() == 1);
    waitFor(Duration.ofSeconds(10), By.id("entry-" + missed));
    await(Duration.ofSeconds(3), "the page to report the stream open", () -> "open".equals(js("return document.body.dataset.live")));
    assertThat(driver.findElements(By.id("entry-" + missed))).hasSize(1);
    assertThat(driver.findElements(By.cssSelector("#entries [data-entry-id='" + missed + "']"))).hasSize(1);
    assertThat(driver.findElements(By.cssSelector("#entries .entry"))).hasSize(2);
    assertThat(js("return window.__ndLoadedAt")).as("no reload").isEqualTo(loadedAt);
    assertThat(driver.findElement(By.cssSelector("#entries .entry")).getAttribute("id")).isEqualTo("entry-" + missed);

    // e. hostile markup arrives as harmless text
    long hostile = addEntry("<img src=x onerror=\"window.__pwned=1\"> Storm surge expected at high tide.");
    await(Duration.ofSeconds(2), "the hostile entry", () ->
        !driver.findElements(By.id("entry-" + hostile)).isEmpty()
            && driver.findElement(By.id("entry-" + hostile)).getText().contains("Storm surge expected at high tide."));
    assertThat(js("return typeof window.__pwned")).isEqualTo("undefined");
    assertThat(driver.findElements(By.cssSelector("#entries [onerror]"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("#entries .entry"))).hasSize(3);
    assertThat(js("return window.__ndLoadedAt")).as("no reload").isEqualTo(loadedAt);
  }

  @Test
  void aReaderScrolledDownGetsAPillInsteadOfAJump() {
    createLiveBlog();
    for (int i = 1; i <= 8; i++) {
      addEntry("Update " + i + ". " + "Crews are clearing branches from the roads near the seafront. ".repeat(12));
    }
    driver.manage().window().setSize(new Dimension(800, 600));
    openAndAwaitLive();

    js("window.scrollTo(0, document.documentElement.scrollHeight)");
    await(Duration.ofSeconds(2), "the page to scroll down", () -> ((Number) js("return window.scrollY")).doubleValue() > 800);
    long fresh = addEntry("A fresh update posted while the reader was scrolled down.");

    WebElement pill = new WebDriverWait(driver, Duration.ofSeconds(3))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("new-updates-pill")));
    assertThat(pill.getText()).contains("1 new");
    assertThat(driver.findElement(By.id("entry-" + fresh)).isDisplayed()).as("held back behind the pill").isFalse();
    assertThat(((Number) js("return window.scrollY")).doubleValue()).as("the reader stays where they were").isGreaterThan(800);

    pill.click();
    new WebDriverWait(driver, Duration.ofSeconds(3))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("entry-" + fresh)));
    await(Duration.ofSeconds(3), "the pill to go", () -> !driver.findElement(By.id("new-updates-pill")).isDisplayed());
    await(Duration.ofSeconds(3), "the page to scroll back up", () ->
        ((Number) js("return document.getElementById('entries').getBoundingClientRect().top")).doubleValue() >= 0);
    WebElement top = driver.findElement(By.cssSelector("#entries .entry:not(.pinned)"));
    assertThat(top.getAttribute("id")).isEqualTo("entry-" + fresh);
  }

  @Test
  void homeAndArticlePagesFollowPublishingEditsCorrectionsAndRetraction() {
    driver.get(server.baseUrl() + "/");
    await(Duration.ofSeconds(10), "the home page's EventSource to open", () ->
        "open".equals(js("return document.body.dataset.live")) && server.app().sse().openConnections() == 1);
    Object loadedAt = js("return window.__ndLoadedAt");

    var created = server.editor("POST", "/api/v1/stories", "{\"slug\":\"tide-gauge\",\"headline\":\"Tide gauge fixed\","
        + "\"summary\":\"Readings are back.\",\"body\":\"The gauge works again.\",\"section\":\"city\",\"status\":\"published\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    await(Duration.ofSeconds(2), "the new story at the top of the list", () ->
        driver.findElement(By.cssSelector("#story-list .story-card .headline")).getText().equals("Tide gauge fixed"));
    server.editor("PATCH", "/api/v1/stories/tide-gauge", "{\"headline\":\"Tide gauge fixed after storm\"}");
    await(Duration.ofSeconds(2), "the headline edit on the home page", () ->
        driver.findElement(By.cssSelector("#story-list .story-card .headline")).getText().equals("Tide gauge fixed after storm"));
    assertThat(driver.findElements(By.cssSelector("#story-list .story-card"))).hasSize(1);
    assertThat(js("return window.__ndLoadedAt")).as("no reload").isEqualTo(loadedAt);

    driver.get(server.storyUrl("tide-gauge"));
    // reader.js hands its connection back on pagehide, so the home page's stream is gone here.
    await(Duration.ofSeconds(10), "the story page's EventSource to open", () ->
        "open".equals(js("return document.body.dataset.live")) && server.app().sse().openConnections() == 1);
    server.editor("PATCH", "/api/v1/stories/tide-gauge", "{\"body\":\"The gauge reports **every minute** again.\"}");
    await(Duration.ofSeconds(2), "the new body", () ->
        driver.findElement(By.id("story-body")).getText().contains("every minute"));
    server.editor("POST", "/api/v1/stories/tide-gauge/corrections", "{\"text\":\"The gauge is on the north pier.\"}");
    await(Duration.ofSeconds(2), "the correction", () ->
        driver.findElement(By.id("corrections")).isDisplayed()
            && driver.findElement(By.id("corrections")).getText().contains("north pier"));
    server.editor("POST", "/api/v1/stories/tide-gauge/retract", "{\"reason\":\"The repair had not been finished.\"}");
    await(Duration.ofSeconds(2), "the retraction notice", () ->
        driver.findElement(By.id("retraction-notice")).isDisplayed()
            && driver.findElement(By.id("retraction-notice")).getText().contains("had not been finished"));
    assertThat(driver.findElement(By.id("story-body")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("last-updated")).getAttribute("title")).isNotBlank();
  }

  // ---- helpers

  private void createLiveBlog() {
    var res = server.editor("POST", "/api/v1/stories", "{\"kind\":\"live\",\"slug\":\"" + SLUG + "\","
        + "\"headline\":\"Storm over the harbour: live\",\"summary\":\"Updates through the night.\","
        + "\"section\":\"city\",\"authors\":[\"Desk\"],\"status\":\"published\"}");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
  }

  private void openAndAwaitLive() {
    driver.get(server.storyUrl(SLUG));
    await(Duration.ofSeconds(10), "the page's EventSource to open", () ->
        "open".equals(js("return document.body.dataset.live")) && server.app().sse().openConnections() == 1);
  }

  private long addEntry(String body) {
    String json = ContentJson.MAPPER.createObjectNode().put("body", body).toString();
    var res = server.editor("POST", "/api/v1/stories/" + SLUG + "/entries", json);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    try {
      return ContentJson.MAPPER.readTree(res.body()).path("id").asLong();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private WebElement waitFor(Duration timeout, By by) {
    return new WebDriverWait(driver, timeout).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  private Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /** Polls a condition until it holds or the deadline passes; the wait is the assertion. */
  private void await(Duration timeout, String what, BooleanSupplier condition) {
    new WebDriverWait(driver, timeout, Duration.ofMillis(50))
        .withMessage("waiting for " + what)
        .until(d -> condition.getAsBoolean());
  }

}
