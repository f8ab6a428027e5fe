package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import newsdesk.testing.Await;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A story's way through the desk in real headless Chromium, by the buttons' accessible names: a
 * contributor submits a draft for review, an editor finds it by status and publishes it, then
 * retracts it with a reason or adds a correction.
 */
class DeskReviewBrowserTest extends EditorBrowserTests {
  @Test
  void aContributorSubmitsForReviewAndAnEditorFindsItInReviewAndPublishesIt() {
    desk.openAndSignIn("cat@example.org", PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/new");
    assertThat(desk.driver().findElements(By.id("publish"))).as("a contributor does not publish").isEmpty();
    desk.byName("input", "Headline").sendKeys("Night buses return");
    desk.byName("input", "Section").sendKeys("city");
    desk.byName("textarea", "Body").sendKeys("From Monday, every hour.");
    desk.byName("button", "Submit for review").click();
    Await.until(() -> "in_review".equals(desk.stored("night-buses-return", "status")), SAVE, "the story in review");
    assertThat(desk.stored("night-buses-return", "body")).as("saved before it went").isEqualTo("From Monday, every hour.");
    Await.until(() -> "In review".equals(desk.driver().findElement(By.id("story-status")).getText()), Duration.ofSeconds(5),
        "the editor to show the status");
    assertThat(desk.driver().findElement(By.id("submit")).isDisplayed()).as("nothing more to submit").isFalse();
    assertThat(desk.server().send("GET", "/stories/night-buses-return", null, null).statusCode()).as("readers").isEqualTo(404);

    desk.driver().manage().deleteAllCookies();
    desk.openAndSignIn("ann@example.org", PASSWORD);
    new Select(desk.byName("select", "Status")).selectByVisibleText("In review");
    Await.until(() -> desk.driver().getCurrentUrl().contains("status=in_review"), Duration.ofSeconds(5), "the filtered list");
    var row = desk.driver().findElement(By.cssSelector("tr[data-slug='night-buses-return']"));
    assertThat(row.getText()).contains("In review");
    row.findElement(By.linkText("Night buses return")).click();
    Await.until(() -> desk.driver().getCurrentUrl().endsWith("/desk/stories/night-buses-return"), Duration.ofSeconds(5), "the editor");
    desk.byName("button", "Publish").click();
    Await.until(() -> "published".equals(desk.stored("night-buses-return", "status")), SAVE, "the publish");
    assertThat(desk.server().send("GET", "/stories/night-buses-return", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void anEditorAddsACorrectionThenRetractsWithAReasonReadersSee() {
    assertThat(desk.server().editor("POST", "/api/v1/stories",
        "{\"headline\":\"Mayor resigns\",\"section\":\"politics\",\"body\":\"Effective at once.\",\"status\":\"published\"}")
        .statusCode()).isEqualTo(201);
    desk.openAndSignIn("ann@example.org", PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/mayor-resigns");
    assertThat(desk.driver().findElement(By.id("publish")).isDisplayed()).as("already published").isFalse();

    desk.byName("button", "Add correction").click();
    desk.byName("textarea", "Correction").sendKeys("An earlier version gave the wrong date.");
    desk.byName("button", "Publish correction").click();
    Await.until(() -> String.valueOf(desk.stored("mayor-resigns", "corrections")).contains("wrong date"), SAVE,
        "the correction");
    Await.until(() -> desk.server().send("GET", "/stories/mayor-resigns", null, null).body().contains("wrong date"),
        Duration.ofSeconds(5), "readers to see the correction");

    desk.byName("button", "Retract").click();
    desk.byName("button", "Retract story").click();
    assertThat(desk.js("return document.getElementById('retract-dialog').open")).as("a reason is required").isEqualTo(true);
    assertThat(desk.stored("mayor-resigns", "status")).isEqualTo("published");
    desk.byName("textarea", "Reason").sendKeys("The resignation was withdrawn.");
    desk.byName("button", "Retract story").click();
    Await.until(() -> "retracted".equals(desk.stored("mayor-resigns", "status")), SAVE, "the retraction");
    assertThat(desk.stored("mayor-resigns", "retraction")).isEqualTo("The resignation was withdrawn.");
    assertThat(desk.server().send("GET", "/stories/mayor-resigns", null, null).body()).contains("The resignation was withdrawn.");
    Await.until(() -> "Retracted".equals(desk.driver().findElement(By.id("story-status")).getText()), Duration.ofSeconds(5),
        "the editor to show the status");
    assertThat(desk.driver().findElement(By.id("retract")).isDisplayed()).isFalse();
  }

  @Test
  void aContributorHasNoRetractOrCorrection() {
    assertThat(desk.server().editor("POST", "/api/v1/stories",
        "{\"headline\":\"Tram fares\",\"section\":\"city\",\"status\":\"published\"}").statusCode()).isEqualTo(201);
    desk.openAndSignIn("cat@example.org", PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/tram-fares");
    assertThat(desk.driver().findElements(By.id("retract"))).isEmpty();
    assertThat(desk.driver().findElements(By.id("correct"))).isEmpty();
    assertThat(desk.driver().findElement(By.id("submit")).isDisplayed()).as("a published story is not submitted").isFalse();
  }
}
