package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import newsdesk.store.Role;
import newsdesk.testing.Await;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The desk in real headless Chromium (Debian's chromium and chromedriver): signing in by the
 * fields' accessible names, the story list and its live updates, and what the server refuses —
 * a change without the session's CSRF token, a contributor's publish, a disabled user's session.
 */
class DeskBrowserTest {
  private static final String PASSWORD = DeskBrowser.PASSWORD;

  @RegisterExtension final DeskBrowser desk = new DeskBrowser();

  @Test
  void anEditorSignsInAndSeesEveryStoryWithTheListKeptCurrent() {
    desk.server().createUser("ann@example.org", Role.EDITOR, PASSWORD);
    create("{\"headline\":\"Bridge reopens after repairs\",\"section\":\"city\",\"status\":\"published\",\"authors\":[\"Ann Editor\"]}");
    create("{\"headline\":\"Budget talks, a draft\",\"section\":\"politics\",\"authors\":[\"Bob Reporter\"]}");

    desk.driver().get(desk.server().baseUrl() + "/desk");
    assertThat(desk.driver().getCurrentUrl()).isEqualTo(desk.server().baseUrl() + "/desk/sign-in");
    signIn("ann@example.org", PASSWORD);
    assertThat(desk.driver().getCurrentUrl()).isEqualTo(desk.server().baseUrl() + "/desk");

    assertThat(row("bridge-reopens-after-repairs").getText()).contains("Bridge reopens after repairs", "Published", "city",
        "Ann Editor", "UTC");
    assertThat(row("budget-talks-a-draft").getText()).contains("Draft", "politics", "Bob Reporter");
    assertThat(row("budget-talks-a-draft").findElement(By.linkText("Budget talks, a draft")).getAttribute("href"))
        .isEqualTo(desk.server().baseUrl() + "/desk/stories/budget-talks-a-draft");
    assertThat(desk.driver().findElements(By.tagName("th"))).extracting(WebElement::getText)
        .containsExactly("Headline", "Status", "Section", "Author", "Last Updated", "Readers now");
    assertThat(byName("a", "New story").getAttribute("href")).isEqualTo(desk.server().baseUrl() + "/desk/stories/new");

    // A story published elsewhere appears without a reload.
    js("window.__notReloaded = true");
    Await.until(() -> "open".equals(js("return document.body.dataset.live")), Duration.ofSeconds(10),
        "the list's stream to open");
    create("{\"headline\":\"Storm warning for the coast\",\"section\":\"weather\",\"status\":\"published\"}");
    Await.until(() -> !desk.driver().findElements(By.cssSelector("tr[data-slug='storm-warning-for-the-coast']")).isEmpty(),
        Duration.ofSeconds(5), "the new story's row");
    assertThat(js("return window.__notReloaded")).isEqualTo(true);
    assertThat(desk.driver().findElement(By.id("desk-live")).getText()).contains("Storm warning for the coast");

    // Search hides what does not match as you type; the status filter asks the desk.server().
    byName("input", "Search headlines").sendKeys("storm");
    Await.until(() -> visibleSlugs().equals(List.of("storm-warning-for-the-coast")), Duration.ofSeconds(2), "the search");
    byName("input", "Search headlines").clear();
    js("document.getElementById('q').dispatchEvent(new Event('input'))");
    new Select(byName("select", "Status")).selectByVisibleText("Draft");
    Await.until(() -> desk.driver().getCurrentUrl().contains("status=draft"), Duration.ofSeconds(5), "the filtered list");
    assertThat(visibleSlugs()).containsExactly("budget-talks-a-draft");
  }

  @Test
  void aChangeWithoutTheSessionsCsrfTokenOrFromAnotherOriginChangesNothing() {
    desk.server().createUser("ann@example.org", Role.EDITOR, PASSWORD);
    create("{\"headline\":\"Quiet draft\",\"section\":\"city\"}");
    desk.driver().get(desk.server().baseUrl() + "/desk/sign-in");
    signIn("ann@example.org", PASSWORD);

    assertThat(fetchStatus("fetch('/api/v1/stories/quiet-draft/publish', {method: 'POST'})")).isEqualTo(403);
    assertThat(fetchStatus(
        "fetch('/api/v1/stories/quiet-draft/publish', {method: 'POST', headers: {'X-CSRF-Token': 'forged'}})"))
        .isEqualTo(403);
    assertThat(status("quiet-draft")).isEqualTo("draft");

    // The cookie and even the right token, sent from another origin, are refused too.
    String cookie = desk.driver().manage().getCookieNamed("nd_session").getValue();
    String csrf = (String) js("return window.ndDesk.csrf");
    var forged = HttpRequest.newBuilder(URI.create(desk.server().baseUrl() + "/api/v1/stories/quiet-draft/publish"))
        .header("Cookie", "nd_session=" + cookie).header("X-CSRF-Token", csrf).header("Origin", "http://evil.example")
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    assertThat(TestServer.exchange(forged).statusCode()).isEqualTo(403);
    assertThat(status("quiet-draft")).isEqualTo("draft");
    // No session at all: 401.
    assertThat(desk.server().send("POST", "/api/v1/stories/quiet-draft/publish", null, null).statusCode()).isEqualTo(401);
    assertThat(status("quiet-draft")).isEqualTo("draft");

    // With the token, from the desk's own page, it goes through.
    assertThat(fetchStatus("window.ndDesk.send('/api/v1/stories/quiet-draft/publish', {method: 'POST'})")).isEqualTo(200);
    assertThat(status("quiet-draft")).isEqualTo("published");
  }

  @Test
  void aContributorCannotPublish() {
    desk.server().createUser("cat@example.org", Role.CONTRIBUTOR, PASSWORD);
    create("{\"headline\":\"Contributor copy\",\"section\":\"city\"}");
    desk.driver().get(desk.server().baseUrl() + "/desk/sign-in");
    signIn("cat@example.org", PASSWORD);
    assertThat(row("contributor-copy").getText()).contains("Draft");

    assertThat(fetchStatus("window.ndDesk.send('/api/v1/stories/contributor-copy/publish', {method: 'POST'})"))
        .isEqualTo(403);
    assertThat(status("contributor-copy")).isEqualTo("draft");
  }

  @Test
  void aDisabledUsersSessionStopsWorkingAtOnce() {
    desk.server().createUser("dan@example.org", Role.EDITOR, PASSWORD);
    create("{\"headline\":\"Before the door closed\",\"section\":\"city\"}");
    desk.driver().get(desk.server().baseUrl() + "/desk/sign-in");
    signIn("dan@example.org", PASSWORD);
    assertThat(desk.driver().getCurrentUrl()).isEqualTo(desk.server().baseUrl() + "/desk");

    assertThat(desk.server().app().users().disable("dan@example.org")).isTrue();
    assertThat(fetchStatus("window.ndDesk.send('/api/v1/stories/before-the-door-closed/publish', {method: 'POST'})"))
        .isEqualTo(401);
    assertThat(status("before-the-door-closed")).isEqualTo("draft");
    desk.driver().navigate().refresh();
    assertThat(desk.driver().getCurrentUrl()).isEqualTo(desk.server().baseUrl() + "/desk/sign-in");
    // Nor can they sign in again.
    signIn("dan@example.org", PASSWORD);
    assertThat(desk.driver().getCurrentUrl()).isEqualTo(desk.server().baseUrl() + "/desk/sign-in");
    assertThat(desk.driver().findElement(By.id("sign-in-error")).getText()).contains("not right");
  }

  @Test
  void signingOutEndsTheSession() {
    desk.server().createUser("ann@example.org", Role.ADMIN, PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/sign-in");
    signIn("ann@example.org", PASSWORD);
    String cookie = desk.driver().manage().getCookieNamed("nd_session").getValue();
    byName("button", "Sign out").click();
    Await.until(() -> desk.driver().getCurrentUrl().endsWith("/desk/sign-in"), Duration.ofSeconds(5), "the sign-in page");
    assertThat(desk.driver().manage().getCookieNamed("nd_session")).isNull();
    assertThat(desk.server().app().deskSessions().resolve(cookie)).isEmpty();
  }

  // ---- helpers

  private void signIn(String email, String password) {
    desk.signIn(email, password);
  }

  private WebElement byName(String tag, String accessibleName) {
    return desk.byName(tag, accessibleName);
  }

  private WebElement row(String slug) {
    return desk.driver().findElement(By.cssSelector("tr[data-slug='" + slug + "']"));
  }

  @SuppressWarnings("unchecked")
  private List<String> visibleSlugs() {
    return (List<String>) js("return [...document.querySelectorAll('#story-rows tr[data-slug]')]"
        + ".filter(r => !r.hidden).map(r => r.dataset.slug)");
  }

  private long fetchStatus(String fetchExpression) {
    return desk.fetchStatus(fetchExpression);
  }

  private Object js(String script) {
    return desk.js(script);
  }

  private void create(String json) {
    assertThat(desk.server().editor("POST", "/api/v1/stories", json).statusCode()).isEqualTo(201);
  }

  private String status(String slug) {
    return desk.stored(slug, "status");
  }
}
