package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import newsdesk.store.Role;
import newsdesk.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Readers and editors, live, in two real headless Chromium browsers: a reader page opened in one
 * raises the story's "Readers now" on the other's desk list and closing it lowers it again; an
 * editor with the story open in the editor shows on the other editor's list as "… is editing";
 * a draft created meanwhile appears on the list without a reload (the desk's private topic).
 */
class DeskPresenceBrowserTest {
  private static final String PASSWORD = DeskBrowser.PASSWORD;
  /** A share (2 s) and a poll (3 s), with room for a loaded machine. */
  private static final Duration LIVE = Duration.ofSeconds(30);
  private static final String SLUG = "tram-line-reopens";

  @RegisterExtension
  final DeskBrowser desk = new DeskBrowser()
      .person("ann@example.org", "Ann Editor", Role.EDITOR)
      .person("bob@example.org", "Bob Editor", Role.EDITOR);

  @BeforeEach
  void publishTheStory() {
    assertThat(desk.server().editor("POST", "/api/v1/stories", "{\"headline\":\"Tram line reopens\",\"section\":\"city\","
        + "\"status\":\"published\"}").statusCode()).isEqualTo(201);
  }

  @Test
  void aReaderPageRaisesTheCountAndAnEditorShowsAsEditing() {
    ChromeDriver ann = desk.driver();
    DeskDriver bobDesk = desk.another();
    ChromeDriver bob = bobDesk.driver();
    desk.openAndSignIn("ann@example.org", PASSWORD);
    assertThat(readers(ann)).isEqualTo("0");

    bob.get(desk.server().storyUrl(SLUG)); // a reader, not signed in
    Await.until(() -> "1".equals(readers(ann)), LIVE, "Ann's list to count the reader");
    bob.get(desk.server().baseUrl() + "/desk/sign-in"); // the reader page closes
    Await.until(() -> "0".equals(readers(ann)), LIVE, "the reader to leave Ann's count");

    bobDesk.signIn("bob@example.org", PASSWORD);
    ann.get(desk.server().baseUrl() + "/desk/stories/" + SLUG); // Ann opens the editor
    Await.until(() -> "Ann Editor is editing".equals(editing(bob)), LIVE, "Bob's list to show Ann editing");
    Await.until(() -> ann.findElement(By.cssSelector("[data-readers-now]")).getText().equals("0 readers now"), LIVE,
        "the editor's own readers count");

    // A draft is announced on the desk's private topic: Bob's list shows it without a reload.
    ((org.openqa.selenium.JavascriptExecutor) bob).executeScript("window.__notReloaded = true");
    Await.until(() -> "open".equals(((org.openqa.selenium.JavascriptExecutor) bob)
        .executeScript("return document.body.dataset.live")), LIVE, "Bob's desk stream to open");
    assertThat(desk.server().editor("POST", "/api/v1/stories", "{\"headline\":\"Quiet council draft\",\"section\":\"city\"}")
        .statusCode()).isEqualTo(201);
    Await.until(() -> !bob.findElements(By.cssSelector("tr[data-slug='quiet-council-draft']")).isEmpty(), LIVE,
        "the draft's row on Bob's list");
    assertThat(((org.openqa.selenium.JavascriptExecutor) bob).executeScript("return window.__notReloaded")).isEqualTo(true);

    ann.get(desk.server().baseUrl() + "/desk"); // Ann leaves the editor: her goodbye takes her off at once
    Await.until(() -> editing(bob).isEmpty(), LIVE, "Ann no longer editing on Bob's list");
  }

  private static String readers(ChromeDriver d) {
    return d.findElement(By.cssSelector("tr[data-slug='" + SLUG + "'] [data-readers]")).getText();
  }

  private static String editing(ChromeDriver d) {
    return d.findElement(By.cssSelector("tr[data-slug='" + SLUG + "'] [data-editing]")).getText();
  }
}
