package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import newsdesk.store.Role;
import newsdesk.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Scheduling from the editor in real headless Chromium, in a newsroom whose time zone is not the
 * browser's (Europe/Paris against the machine's UTC): the time picked is the newsroom's, the dialog
 * says back the exact moment, and the story publishes itself then.
 */
class DeskScheduleBrowserTest {
  private static final String PASSWORD = DeskBrowser.PASSWORD;
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  final DeskBrowser desk = new DeskBrowser()
      .setting("time-zone", "Europe/Paris")
      .person("ann@example.org", "Desk editor", Role.EDITOR);

  @BeforeEach
  void openTheStory() {
    var r = desk.server().editor("POST", "/api/v1/stories", "{\"slug\":\"tram-line-opens\",\"headline\":\"Tram line opens\","
        + "\"section\":\"city\",\"body\":\"The first tram leaves at six.\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    desk.openAndSignIn("ann@example.org", PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/tram-line-opens");
  }

  /** Opens the dialog and picks {@code at} in the newsroom's zone (a datetime-local has no locale-free typing). */
  private WebElement pick(Instant at) {
    desk.byName("button", "Schedule").click();
    WebElement field = desk.byName("input", "Publish at (Europe/Paris time)");
    assertThat(field.getAttribute("type")).isEqualTo("datetime-local");
    desk.js("const f = document.getElementById('schedule-at'); f.value = '" + LOCAL.format(at.atZone(PARIS))
        + "'; f.dispatchEvent(new Event('input'))");
    return field;
  }

  private String confirmation() {
    return desk.driver().findElement(By.id("schedule-confirm")).getText();
  }

  @Test
  void aTimePickedInTheNewsroomsZoneIsConfirmedAndTheStoryPublishesItselfThen() {
    Instant at = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
    pick(at);
    String paris = DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(PARIS));
    String utc = DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(ZoneId.of("UTC")));
    assertThat(paris).isNotEqualTo(utc);
    assertThat(confirmation()).as("the exact moment, said back").contains(paris).contains("Europe/Paris")
        .contains(utc + " UTC");
    desk.byName("button", "Confirm schedule").click();

    Await.until(() -> "scheduled".equals(desk.stored("tram-line-opens", "status")), WAIT, "the story scheduled");
    assertThat(Instant.parse(desk.stored("tram-line-opens", "scheduledAt"))).as("Paris wall time, as an instant")
        .isEqualTo(at);
    Await.until(() -> "Scheduled".equals(desk.driver().findElement(By.id("story-status")).getText()), WAIT, "the status shown");
    WebElement note = desk.driver().findElement(By.id("scheduled-note"));
    assertThat(note.isDisplayed()).isTrue();
    assertThat(note.getText()).contains(paris).contains("Europe/Paris");
    assertThat(desk.server().send("GET", "/stories/tram-line-opens", null, null).statusCode()).as("not yet").isEqualTo(404);

    Await.until(() -> "published".equals(desk.stored("tram-line-opens", "status")), WAIT, "the story to publish itself");
    long late = Duration.between(at, Instant.parse(desk.stored("tram-line-opens", "publishedAt"))).toMillis();
    assertThat(late).as("published %d ms after the time picked", late).isBetween(0L, 999L);
    assertThat(desk.server().send("GET", "/stories/tram-line-opens", null, null).body()).contains("The first tram leaves at six.");
  }

  @Test
  void aPastTimeIsRefusedInTheDialogAndAScheduledStoryIsListedAndCanBeUnscheduled() {
    WebElement field = pick(Instant.now().minusSeconds(3600));
    assertThat(confirmation()).contains("passed");
    desk.byName("button", "Confirm schedule").click();
    assertThat(field.isDisplayed()).as("the dialog stays open").isTrue();
    assertThat(desk.stored("tram-line-opens", "status")).isEqualTo("draft");
    desk.byName("button", "Cancel").click();

    Instant at = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
    pick(at);
    desk.byName("button", "Confirm schedule").click();
    Await.until(() -> "scheduled".equals(desk.stored("tram-line-opens", "status")), WAIT, "the story scheduled");

    desk.driver().get(desk.server().baseUrl() + "/desk");
    String row = desk.driver().findElement(By.cssSelector("tr[data-slug='tram-line-opens']")).getText();
    assertThat(row).contains("Scheduled").contains(DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(PARIS)))
        .contains("Europe/Paris");

    desk.driver().get(desk.server().baseUrl() + "/desk/stories/tram-line-opens");
    desk.byName("button", "Unschedule").click();
    Await.until(() -> "draft".equals(desk.stored("tram-line-opens", "status")), WAIT, "the story a draft again");
    Await.until(() -> !desk.driver().findElement(By.id("scheduled-note")).isDisplayed(), WAIT, "the note gone");
    assertThat(desk.stored("tram-line-opens", "scheduledAt")).as("no time kept").isIn("", null);
  }
}
