package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import newsdesk.testing.Await;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/**
 * The story editor in real headless Chromium: write a story by the fields' accessible names with
 * the server's preview and autosave, publish it; text typed offline is kept and saved once back
 * (two editors at once: DeskMergeBrowserTest).
 */
class DeskEditorBrowserTest extends EditorBrowserTests {
  @Test
  void anEditorWritesAStoryWithThePreviewAndAutosaveThenPublishesIt() {
    desk.openAndSignIn("ann@example.org", PASSWORD);
    desk.byName("a", "New story").click();
    Await.until(() -> desk.driver().getCurrentUrl().endsWith("/desk/stories/new"), Duration.ofSeconds(5), "the editor");

    desk.byName("input", "Headline").sendKeys("Harbour opens at dawn");
    desk.byName("textarea", "Summary").sendKeys("Boats are back.");
    desk.byName("textarea", "Body").sendKeys("The **first** boat left at six.");
    desk.byName("input", "Section").sendKeys("city");
    desk.byName("input", "Tags").sendKeys("harbour, boats");

    Await.until(() -> String.valueOf(desk.js("return document.getElementById('preview').innerHTML"))
        .contains("<strong>first</strong>"), Duration.ofSeconds(5), "the server's preview");
    Await.until(() -> desk.driver().getCurrentUrl().endsWith("/desk/stories/harbour-opens-at-dawn"), SAVE, "the first autosave");
    Await.until(() -> "[\"harbour\",\"boats\"]".equals(desk.stored("harbour-opens-at-dawn", "tags")), SAVE,
        "the tags saved");
    assertThat(desk.stored("harbour-opens-at-dawn", "body")).isEqualTo("The **first** boat left at six.");
    assertThat(desk.stored("harbour-opens-at-dawn", "status")).isEqualTo("draft");

    desk.byName("textarea", "Body").sendKeys(" Crowds cheered.");
    Await.until(() -> desk.stored("harbour-opens-at-dawn", "body").endsWith("Crowds cheered."), SAVE, "the next autosave");

    desk.byName("button", "Publish").click();
    Await.until(() -> "published".equals(desk.stored("harbour-opens-at-dawn", "status")), SAVE, "the publish");
    assertThat(desk.server().send("GET", "/stories/harbour-opens-at-dawn", null, null).body()).contains("Harbour opens at dawn");
    Await.until(() -> desk.driver().findElement(By.id("save-state")).getText().contains("Published"), Duration.ofSeconds(5),
        "the editor to say so");
    Await.until(() -> Long.valueOf(0).equals(desk.js("return localStorage.length")), SAVE, "nothing left unsaved");
  }

  @Test
  void textTypedWhileOfflineIsKeptThroughAReloadAndSavedOnceBack() {
    assertThat(desk.server().editor("POST", "/api/v1/stories",
        "{\"headline\":\"Storm night\",\"section\":\"weather\",\"body\":\"Wind.\"}").statusCode()).isEqualTo(201);
    desk.openAndSignIn("ann@example.org", PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/storm-night");

    var offline = new ChromiumNetworkConditions();
    offline.setOffline(true);
    desk.driver().setNetworkConditions(offline);
    desk.byName("textarea", "Body").sendKeys(" Rain, typed offline.");
    Await.until(() -> desk.driver().findElement(By.id("save-state")).getText().startsWith("Offline"), SAVE, "the failed save");
    assertThat(desk.stored("storm-night", "body")).isEqualTo("Wind.");

    desk.driver().deleteNetworkConditions();
    desk.driver().navigate().refresh();
    assertThat(desk.byName("textarea", "Body").getAttribute("value")).as("restored from this browser")
        .isEqualTo("Wind. Rain, typed offline.");
    Await.until(() -> "Wind. Rain, typed offline.".equals(desk.stored("storm-night", "body")), SAVE, "the save once back");
    Await.until(() -> desk.js("return localStorage.getItem('nd-story:storm-night')") == null, Duration.ofSeconds(30),
        "the local copy to go once saved");
  }

  @Test
  void aContributorHasNoPublishButtonAndAnUnknownStoryIsNotFound() {
        desk.openAndSignIn("cat@example.org", PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/new");
    assertThat(desk.driver().findElements(By.id("publish"))).isEmpty();
    desk.byName("input", "Headline").sendKeys("Draft from a contributor");
    desk.byName("input", "Section").sendKeys("city");
    Await.until(() -> "draft".equals(desk.stored("draft-from-a-contributor", "status")), SAVE, "the draft saved");
    assertThat(desk.server().send("GET", "/desk/stories/no-such-story", null, null).statusCode()).as("signed out").isEqualTo(303);
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/no-such-story");
    assertThat(desk.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
  }
}
