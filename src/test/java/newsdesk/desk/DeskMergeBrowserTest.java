package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import newsdesk.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Two editors on one story, in real headless Chromium (the other editor saves through the API):
 * the second save is refused as stale; fields only one side changed merge by themselves; a field
 * both changed is offered for merging, their change and mine shown; nothing typed is lost.
 */
class DeskMergeBrowserTest extends EditorBrowserTests {
  @BeforeEach
  void openTheStory() {
    assertThat(desk.server().editor("POST", "/api/v1/stories",
        "{\"headline\":\"Council vote\",\"section\":\"politics\",\"body\":\"First paragraph.\\n\\nSecond paragraph.\"}")
        .statusCode()).isEqualTo(201);
    desk.openAndSignIn("ann@example.org", PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/council-vote");
    assertThat(desk.byName("input", "Headline").getAttribute("value")).isEqualTo("Council vote");
  }

  @Test
  void changesToDifferentFieldsMergeByThemselves() {
    theOtherEditorSaves("{\"headline\":\"Council vote: theirs\"}");
    desk.byName("textarea", "Summary").sendKeys("Mine, typed meanwhile.");
    Await.until(() -> "Mine, typed meanwhile.".equals(desk.stored("council-vote", "summary")), SAVE, "the merged save");
    assertThat(desk.stored("council-vote", "headline")).as("theirs kept").isEqualTo("Council vote: theirs");
    assertThat(desk.byName("input", "Headline").getAttribute("value")).isEqualTo("Council vote: theirs");
    assertThat(desk.driver().findElement(By.id("conflict")).isDisplayed()).isFalse();
    Await.until(() -> desk.js("return localStorage.getItem('nd-story:council-vote')") == null, Duration.ofSeconds(5),
        "the local copy to go once saved");
  }

  @Test
  void aFieldBothChangedIsOfferedForMergingAndNothingIsLost() {
    theOtherEditorSaves("{\"headline\":\"Council vote: theirs\",\"body\":\"First paragraph, theirs.\\n\\nSecond paragraph.\"}");
    desk.byName("textarea", "Summary").sendKeys("My summary.");
    desk.byName("textarea", "Body").sendKeys(" Mine at the end.");
    Await.until(() -> desk.driver().findElement(By.id("conflict")).isDisplayed(), SAVE, "the merge to be offered");

    // Only the body clashes; the headline (theirs alone) and the summary (mine alone) need no choice.
    assertThat(desk.driver().findElements(By.cssSelector("#merge-fields fieldset"))).extracting(e -> e.getAttribute("id"))
        .containsExactly("merge-body");
    assertThat(desk.driver().findElement(By.id("merge-auto")).getText()).contains("headline");
    WebElement body = desk.driver().findElement(By.id("merge-body"));
    assertThat(body.findElements(By.cssSelector("ins"))).extracting(WebElement::getText)
        .contains("theirs.", "Mine");
    assertThat(desk.stored("council-vote", "body")).as("theirs untouched").isEqualTo("First paragraph, theirs.\n\nSecond paragraph.");
    assertThat(desk.byName("textarea", "Body").getAttribute("value")).as("mine still in the field")
        .isEqualTo("First paragraph.\n\nSecond paragraph. Mine at the end.");
    assertThat(String.valueOf(desk.js("return localStorage.getItem('nd-story:council-vote')"))).contains("Mine at the end.");

    // Take theirs, then add my sentence back by hand: the merged text is the editor's.
    body.findElement(By.xpath(".//label[contains(., 'Take theirs')]/input")).click();
    WebElement merged = desk.byName("textarea", "Merged body");
    assertThat(merged.getAttribute("value")).isEqualTo("First paragraph, theirs.\n\nSecond paragraph.");
    merged.sendKeys(" Mine at the end.");
    desk.byName("button", "Save merged version").click();

    Await.until(() -> "First paragraph, theirs.\n\nSecond paragraph. Mine at the end.".equals(
        desk.stored("council-vote", "body")), SAVE, "the merged version saved");
    assertThat(desk.stored("council-vote", "headline")).isEqualTo("Council vote: theirs");
    assertThat(desk.stored("council-vote", "summary")).isEqualTo("My summary.");
    assertThat(desk.byName("input", "Headline").getAttribute("value")).isEqualTo("Council vote: theirs");
    Await.until(() -> desk.js("return localStorage.getItem('nd-story:council-vote')") == null, Duration.ofSeconds(5),
        "the local copy to go once saved");
    assertThat(desk.driver().findElement(By.id("conflict")).isDisplayed()).isFalse();
  }

  private void theOtherEditorSaves(String patch) {
    assertThat(desk.server().editor("PATCH", "/api/v1/stories/council-vote", patch).statusCode()).isEqualTo(200);
  }
}
