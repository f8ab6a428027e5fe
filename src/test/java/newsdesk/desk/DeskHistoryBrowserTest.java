package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import newsdesk.testing.Await;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The editor's History in real headless Chromium: every saved version with who, what and when; what
 * one changed, marked word by word; Restore saves what is typed first, then brings the old content
 * back as a new version.
 */
class DeskHistoryBrowserTest extends EditorBrowserTests {
  @Test
  void theHistoryShowsWhoChangedWhatAndRestoresAnOldVersionWithNothingTypedLost() {
    assertThat(desk.server().editor("POST", "/api/v1/stories",
        "{\"headline\":\"Council vote\",\"section\":\"politics\",\"body\":\"The vote is on Monday.\"}").statusCode())
        .isEqualTo(201);
    assertThat(desk.server().editor("PATCH", "/api/v1/stories/council-vote", "{\"headline\":\"Council vote delayed\"}")
        .statusCode()).isEqualTo(200);
    assertThat(desk.server().editor("PATCH", "/api/v1/stories/council-vote", "{\"body\":\"The vote is on Friday.\"}")
        .statusCode()).isEqualTo(200);

    desk.openAndSignIn("ann@example.org", PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/council-vote");
    desk.byName("button", "History").click();
    Await.until(() -> versions().size() == 3, Duration.ofSeconds(10), "three versions listed");
    assertThat(versions().get(0).getText()).contains("API token test editor", "edited (body)");
    assertThat(versions().get(1).getText()).contains("edited (headline)");
    assertThat(versions().get(2).getText()).contains("created");

    versions().get(1).click();
    Await.until(() -> !desk.driver().findElements(By.cssSelector("#version-detail ins")).isEmpty(), Duration.ofSeconds(10),
        "what that version changed");
    assertThat(desk.driver().findElement(By.cssSelector("#version-detail h4")).getText()).isEqualTo("Headline");
    assertThat(desk.driver().findElements(By.cssSelector("#version-detail ins"))).extracting(WebElement::getText)
        .contains("delayed");
    versions().get(0).click();
    Await.until(() -> desk.driver().findElements(By.cssSelector("#version-detail del")).stream()
        .anyMatch(e -> e.getText().contains("Monday.")), Duration.ofSeconds(10), "the body's change");

    // Typed but not yet saved: Restore saves it first, so it is a version too.
    desk.byName("textarea", "Summary").sendKeys("Typed just before the restore.");
    versions().get(2).click();
    Await.until(() -> !desk.driver().findElements(By.xpath("//button[.='Restore this version']")).isEmpty(),
        Duration.ofSeconds(10), "the first version shown");
    desk.byName("button", "Restore this version").click();
    Await.until(() -> "Council vote".equals(desk.stored("council-vote", "headline")), SAVE, "the restore");
    assertThat(desk.stored("council-vote", "body")).isEqualTo("The vote is on Monday.");
    assertThat(desk.byName("input", "Headline").getAttribute("value")).isEqualTo("Council vote");
    assertThat(desk.byName("textarea", "Body").getAttribute("value")).isEqualTo("The vote is on Monday.");
    Await.until(() -> versions().size() == 5 && versions().get(0).getText().contains("restored"), SAVE,
        "the restore listed as a new version");
    assertThat(versions().get(1).getText()).contains("Desk editor", "edited (summary)");
    assertThat(desk.server().editor("GET", "/api/v1/stories/council-vote/versions/" + versionOf(1), null).body())
        .contains("Typed just before the restore.");
  }

  private List<WebElement> versions() {
    return desk.driver().findElements(By.cssSelector("#version-list button.version"));
  }

  private String versionOf(int index) {
    return String.valueOf(desk.js("return fetch('/api/v1/stories/council-vote/versions').then(r => r.json())"
        + ".then(p => p.items[" + index + "].version)"));
  }
}
