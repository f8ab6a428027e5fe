package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import newsdesk.store.Role;
import newsdesk.testing.Await;
import newsdesk.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The editor's lead image in real headless Chromium, by the fields' accessible names: alt text is
 * required before anything is uploaded; a file with its alt text is uploaded, attached to the story
 * and shown on the reader page with srcset and as og:image once published.
 */
class DeskLeadImageBrowserTest {
  private static final String PASSWORD = DeskBrowser.PASSWORD;
  private static final Duration SAVE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @RegisterExtension
  final DeskBrowser desk = new DeskBrowser()
      .person("cas@example.org", "Desk contributor", Role.CONTRIBUTOR)
      .person("ann@example.org", "Desk editor", Role.EDITOR);

  private String leadAlt(String slug) throws java.io.IOException {
    var r = desk.server().editor("GET", "/api/v1/stories/" + slug, null);
    return newsdesk.content.ContentJson.MAPPER.readTree(r.body()).path("leadImage").path("alt").asText();
  }

  private String state() {
    return desk.driver().findElement(By.id("lead-image-state")).getText();
  }

  @Test
  void anEditorUploadsALeadImageWithItsAltTextAndReadersSeeIt() throws Exception {
    Path photo = dir.resolve("harbour.jpg");
    Files.write(photo, TestImages.jpeg(1400, 800));
    desk.openAndSignIn("ann@example.org", PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/new");
    desk.byName("input", "Headline").sendKeys("Harbour wall holds");
    desk.byName("input", "Section").sendKeys("city");

    desk.byName("input", "Image file").sendKeys(photo.toString());
    desk.byName("button", "Upload lead image").click();
    Await.until(() -> state().contains("Alt text is required"), Duration.ofSeconds(5), "alt text asked for");
    assertThat(desk.js("return document.getElementById('lead-image').dataset.imageId")).isEqualTo("");

    desk.byName("input", "Alt text").sendKeys("Waves breaking over the harbour wall");
    desk.byName("button", "Upload lead image").click();
    Await.until(() -> state().contains("Lead image attached"), SAVE, "the upload and attach: " + state());
    String slug = "harbour-wall-holds";
    assertThat(leadAlt(slug)).as("the lead image stored with the story").isEqualTo("Waves breaking over the harbour wall");
    assertThat(desk.driver().findElement(By.id("lead-image-thumb")).getAttribute("alt")).isEqualTo("Waves breaking over the harbour wall");
    assertThat(desk.byName("button", "Remove lead image").isDisplayed()).isTrue();

    desk.byName("button", "Publish").click();
    Await.until(() -> "published".equals(desk.stored(slug, "status")), SAVE, "the publish");
    String page = desk.server().send("GET", "/stories/" + slug, null, null).body();
    assertThat(page).contains("srcset=\"").contains("alt=\"Waves breaking over the harbour wall\"")
        .contains("<meta property=\"og:image\"");

    desk.driver().navigate().refresh();
    Await.until(() -> desk.driver().findElement(By.id("lead-image-current")).isDisplayed(), Duration.ofSeconds(10),
        "the editor to show the stored lead image");
  }

  @Test
  void aContributorMayUploadALeadImageForTheirDraft() throws Exception {
    Path photo = dir.resolve("chart.png");
    Files.write(photo, TestImages.png(900, 500, false));
    desk.openAndSignIn("cas@example.org", PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/new");
    desk.byName("input", "Headline").sendKeys("River levels fall");
    desk.byName("input", "Section").sendKeys("weather");
    desk.byName("input", "Image file").sendKeys(photo.toString());
    desk.byName("input", "Alt text").sendKeys("A chart of the river level over a week");
    desk.byName("button", "Upload lead image").click();
    Await.until(() -> state().contains("Lead image attached"), SAVE, "the upload and attach: " + state());
    assertThat(desk.stored("river-levels-fall", "status")).isEqualTo("draft");
  }

  @Test
  void aLiveEntryCarriesAnImageOnlyWithItsAltText() throws Exception {
    assertThat(desk.server().editor("POST", "/api/v1/stories",
        "{\"headline\":\"Flood live\",\"section\":\"weather\",\"kind\":\"live\",\"status\":\"published\"}").statusCode())
        .isEqualTo(201);
    Path photo = dir.resolve("quay.jpg");
    Files.write(photo, TestImages.jpeg(1000, 600));
    desk.openAndSignIn("ann@example.org", PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/live/flood-live");
    desk.byName("textarea", "New entry").sendKeys("Water over the quay.");
    desk.byName("input", "Image").sendKeys(photo.toString());
    desk.byName("button", "Post").click();
    Await.until(() -> desk.driver().findElement(By.id("composer-error")).getText().contains("alt text is required"),
        Duration.ofSeconds(10), "the alt text asked for");
    assertThat(desk.server().editor("GET", "/api/v1/stories/flood-live", null).body()).doesNotContain("Water over the quay");

    desk.byName("input", "Image alt text").sendKeys("Flood water covering the quay");
    desk.byName("button", "Post").click();
    Await.until(() -> !desk.driver().findElements(By.cssSelector(".console-entry img.entry-image")).isEmpty(), SAVE,
        "the entry with its image on the console");
    var entry = newsdesk.content.ContentJson.MAPPER.readTree(desk.server().editor("GET", "/api/v1/stories/flood-live", null).body())
        .path("entries").get(0);
    assertThat(entry.path("image").path("alt").asText()).isEqualTo("Flood water covering the quay");
    String page = desk.server().send("GET", "/stories/flood-live", null, null).body();
    assertThat(page).contains("srcset=\"" + entry.path("image").path("srcset").asText() + "\"")
        .contains("alt=\"Flood water covering the quay\"");
  }
}
