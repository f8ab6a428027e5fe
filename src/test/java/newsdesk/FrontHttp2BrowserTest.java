package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import newsdesk.store.Role;
import newsdesk.testing.Await;
import newsdesk.testing.Chromium;
import newsdesk.testing.Cluster;
import newsdesk.testing.NginxFront;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A reader with eight tabs of the site open, through the nginx front of {@code deploy/} over TLS,
 * before three nodes (separate processes on one PostgreSQL database and one Redis stream). Browsers
 * open at most six HTTP/1.1 connections to a site, so over HTTP/1.1 the seventh tab would not even
 * load; over HTTP/2 every tab's stream shares one connection. The streams land on every node; one
 * publish, and every tab shows the new headline without a reload.
 */
class FrontHttp2BrowserTest {
  private static final int NODES = 3;
  private static final int TABS = 8;

  @TempDir Path dir;
  private Chromium browser;
  private Cluster cluster;
  private NginxFront front;

  @BeforeEach
  void start() {
    NginxFront.assumeInstalled();
    browser = Chromium.start("--ignore-certificate-errors");
    int port = NginxFront.choosePort();
    cluster = Cluster.start(dir.resolve("nodes"), NODES, Cluster.LOCAL_REDIS, NginxFront.publicUrl(port),
        List.of("--trusted-proxies", "127.0.0.1"));
    front = NginxFront.start(dir, port, cluster.group().addresses());
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) browser.close();
    } finally {
      try {
        if (front != null) front.close();
      } finally {
        if (cluster != null) cluster.close();
      }
    }
  }

  @Test
  void eightTabsOverHttp2EachShowAPublishedHeadlineLive() {
    String token = cluster.node(0).createToken(Role.EDITOR);
    ChromeDriver driver = browser.driver();
    // Over HTTP/1.1 the seventh tab never loads: six streams hold every connection. Fail soon.
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    var tabs = new ArrayList<String>();
    var loadedAt = new ArrayList<Object>();
    for (int i = 0; i < TABS; i++) {
      if (i > 0) driver.switchTo().newWindow(WindowType.TAB);
      driver.get(front.baseUrl() + "/");
      tabs.add(driver.getWindowHandle());
      loadedAt.add(js(driver, "return window.__ndLoadedAt"));
      assertThat(js(driver, "return performance.getEntriesByType('navigation')[0].nextHopProtocol"))
          .as("tab %d's page came over HTTP/2", i + 1).isEqualTo("h2");
    }
    Await.until(() -> cluster.group().openSseConnections() == TABS, Duration.ofSeconds(30),
        "every tab's live stream to be open on the nodes (" + TABS + ")");
    assertThat(cluster.nodes()).as("least_conn spreads the streams over every node")
        .allSatisfy(node -> assertThat(node.openSseConnections()).isPositive());
    for (String tab : tabs) {
      driver.switchTo().window(tab);
      Await.until(() -> "open".equals(js(driver, "return document.body.dataset.live")), Duration.ofSeconds(10),
          "the tab to report its stream open");
    }

    var published = front.send("POST", "/api/v1/stories", "{\"slug\":\"lights-back-on\",\"headline\":\"Lights back on "
        + "across the city\",\"summary\":\"Power returned overnight.\",\"section\":\"city\",\"status\":\"published\"}", token);
    assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    assertThat(published.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);

    for (int i = 0; i < TABS; i++) {
      driver.switchTo().window(tabs.get(i));
      Await.until(() -> driver.findElements(By.cssSelector("#story-list .story-card .headline")).stream()
              .anyMatch(h -> h.getText().equals("Lights back on across the city")),
          Duration.ofSeconds(10), "tab " + (i + 1) + " to show the new headline");
      assertThat(js(driver, "return window.__ndLoadedAt")).as("tab %d updated in place, not reloaded", i + 1)
          .isEqualTo(loadedAt.get(i));
    }

    // nginx logs a request when it ends: close the tabs, then read how each stream travelled.
    browser.close();
    browser = null;
    Await.until(() -> streams().size() == TABS, Duration.ofSeconds(30), "the front to log " + TABS + " finished streams");
    assertThat(streams()).allSatisfy(line -> assertThat(line).contains(" 200 ").contains(" HTTP/2.0 "));
  }

  private List<String> streams() {
    return front.accessLog().stream().filter(line -> line.contains("\"GET /events?")).toList();
  }

  private static Object js(ChromeDriver driver, String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }
}
