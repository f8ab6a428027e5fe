package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import newsdesk.content.ContentJson;
import newsdesk.store.Role;
import newsdesk.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The live-blog console at /desk/live/{slug} in real headless Chromium: posting with Ctrl+Enter
 * keeps the focus in the composer, another editor's console and the reader page follow without a
 * reload, entries are edited in place, deleted after a confirmation, pinned (one at a time) and
 * marked as key events, contributors post too, and a failed post keeps what was typed.
 */
class LiveConsoleBrowserTest {
  private static final String PASSWORD = DeskBrowser.PASSWORD;
  private static final String SLUG = "storm-live";
  private static final String CONSOLE = "/desk/live/" + SLUG;
  private static final Duration LIVE = Duration.ofSeconds(15);

  @RegisterExtension final DeskBrowser desk = new DeskBrowser().person("ann@example.org", "Ann Editor", Role.EDITOR);

  @BeforeEach
  void publishTheBlog() {
    assertThat(desk.server().editor("POST", "/api/v1/stories",
        "{\"headline\":\"Storm live\",\"section\":\"weather\",\"kind\":\"live\",\"status\":\"published\"}").statusCode())
        .isEqualTo(201);
  }

  @Test
  void ctrlEnterPostsKeepsTheFocusAndAnotherEditorSeesTheEntryLive() {
    person("bob@example.org", "Bob Editor", Role.EDITOR);
    DeskDriver ann = console("ann@example.org");
    DeskDriver bob = console("bob@example.org");
    bob.js("window.__notReloaded = true");

    WebElement composer = ann.byName("textarea", "New entry");
    assertThat(ann.byName("input", "Author").getDomProperty("value")).isEqualTo("Ann Editor");
    composer.sendKeys("Winds reach **90 km/h** on the coast.");
    composer.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    Await.until(() -> entryTexts(ann).stream().anyMatch(t -> t.contains("Winds reach 90 km/h")), LIVE, "the posted entry");
    assertThat(composer.getDomProperty("value")).isEmpty();
    assertThat(ann.focusedName()).isEqualTo("New entry");
    assertThat(entries().get(0).path("author").asText()).isEqualTo("Ann Editor");

    // Straight on to the next one, this time with the Post button: the focus comes back for a third.
    composer.sendKeys("Ferries are cancelled until noon.");
    ann.byName("button", "Post").click();
    Await.until(() -> entryTexts(ann).size() == 2, LIVE, "the second entry");
    assertThat(entryTexts(ann).get(0)).contains("Ferries are cancelled");
    assertThat(ann.focusedName()).isEqualTo("New entry");

    // Bob's console shows both, newest first, without a reload.
    Await.until(() -> entryTexts(bob).size() == 2, LIVE, "Ann's entries on Bob's console");
    assertThat(entryTexts(bob).get(0)).contains("Ferries are cancelled", "Ann Editor");
    assertThat(entryTexts(bob).get(1)).contains("Winds reach 90 km/h");
    assertThat(bob.js("return window.__notReloaded")).isEqualTo(true);
    assertThat(bob.driver().findElement(By.id("console-live")).getText()).isEqualTo("New entry from Ann Editor.");
    assertThat(ann.driver().findElement(By.id("console-live")).getText()).isEqualTo("Posted.");
  }

  @Test
  void anEntryIsEditedInPlaceAndDeletedOnlyAfterConfirmation() {
    long id = addEntry("High tide at 6pm.");
    DeskDriver ann = console("ann@example.org");
    WebElement entry = entry(ann, id);

    ann.byName(entry, "button", "Edit").click();
    WebElement area = ann.byName(entry, "textarea", "Edit entry");
    assertThat(area.getDomProperty("value")).isEqualTo("High tide at 6pm.");
    assertThat(ann.focusedName()).isEqualTo("Edit entry");
    area.clear();
    area.sendKeys("High tide at *7pm*, not 6pm.");
    ann.byName(entry, "button", "Save").click();
    Await.until(() -> entryTexts(ann).get(0).contains("High tide at 7pm, not 6pm."), LIVE, "the edited entry");
    assertThat(entryTexts(ann).get(0)).contains("edited");
    assertThat(entries().get(0).path("body").asText()).isEqualTo("High tide at *7pm*, not 6pm.");

    // Delete asks first; keeping it changes nothing.
    ann.byName(entry(ann, id), "button", "Delete").click();
    Await.until(() -> dialogOpen(ann), LIVE, "the confirmation");
    assertThat(ann.byName("dialog", "Delete this entry?").getText()).contains("High tide at 7pm");
    ann.byName("button", "Keep it").click();
    Await.until(() -> !dialogOpen(ann), LIVE, "the confirmation to close");
    assertThat(entries()).hasSize(1);
    assertThat(entryTexts(ann)).hasSize(1);

    ann.byName(entry(ann, id), "button", "Delete").click();
    Await.until(() -> dialogOpen(ann), LIVE, "the confirmation");
    ann.byName("button", "Delete entry").click();
    Await.until(() -> entryTexts(ann).isEmpty(), LIVE, "the entry to go");
    assertThat(entries()).isEmpty();
  }

  @Test
  void thePinMovesAndKeyEventsShowOnTheReaderPage() {
    long first = addEntry("Power is out in the north.");
    DeskDriver ann = console("ann@example.org");
    DeskDriver reader = desk.another();
    reader.go("/stories/" + SLUG);
    Await.until(() -> "open".equals(reader.js("return document.body.dataset.live")), LIVE, "the reader page's stream");

    // Posted with Ctrl+Enter, the entry is on the open reader page moments after the console has it.
    ann.byName("textarea", "New entry").sendKeys("Power is back everywhere.", Keys.chord(Keys.CONTROL, Keys.ENTER));
    Await.until(() -> entryTexts(ann).size() == 2, LIVE, "the posted entry on the console");
    long second = ((Number) ann.js("return Number(document.querySelector('#console-entries article').dataset.entryId)")).longValue();
    Await.until(() -> !reader.driver().findElements(By.id("entry-" + second)).isEmpty(), Duration.ofSeconds(2),
        "the posted entry on the reader page");

    ann.byName(entry(ann, first), "button", "Pin").click();
    Await.until(() -> pressed(ann, first, "Pin"), LIVE, "the first entry pinned");
    Await.until(() -> pinnedOnReader(reader).equals(List.of(first)), LIVE, "the pin on the reader page");

    ann.byName(entry(ann, second), "button", "Pin").click();
    Await.until(() -> pressed(ann, second, "Pin") && !pressed(ann, first, "Pin"), LIVE, "the pin to move");
    assertThat(entries().stream().filter(e -> e.path("pinned").asBoolean()).map(e -> e.path("id").asLong()))
        .containsExactly(second);
    Await.until(() -> pinnedOnReader(reader).equals(List.of(second)), LIVE, "the moved pin on the reader page");

    ann.byName(entry(ann, first), "button", "Key event").click();
    Await.until(() -> pressed(ann, first, "Key event"), LIVE, "the key event marked");
    Await.until(() -> keyEventsOnReader(reader).equals(List.of(first)), LIVE, "the key event on the reader page");
    ann.byName(entry(ann, first), "button", "Key event").click();
    Await.until(() -> !pressed(ann, first, "Key event"), LIVE, "the key event cleared");
    Await.until(() -> keyEventsOnReader(reader).isEmpty(), LIVE, "the key event gone from the reader page");
  }

  @Test
  void aContributorPostsEntriesCreditedToThemUnlessTheyChangeTheAuthor() {
    person("cat@example.org", "Cat Contributor", Role.CONTRIBUTOR);
    DeskDriver cat = desk.another();
    cat.openAndSignIn("cat@example.org", PASSWORD);
    cat.byName("a", "Live console: Storm live").click();
    Await.until(() -> cat.driver().getCurrentUrl().endsWith(CONSOLE), LIVE, "the console");

    WebElement composer = cat.byName("textarea", "New entry");
    composer.sendKeys("Trees down on the ring road.");
    composer.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    Await.until(() -> entries().size() == 1, LIVE, "the contributor's entry");
    assertThat(entries().get(0).path("author").asText()).isEqualTo("Cat Contributor");

    WebElement author = cat.byName("input", "Author");
    author.clear();
    author.sendKeys("Weather desk");
    composer.sendKeys("The ring road is clear again.");
    composer.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    Await.until(() -> entries().size() == 2, LIVE, "the second entry");
    assertThat(entries().get(1).path("author").asText()).isEqualTo("Weather desk");
    Await.until(() -> entryTexts(cat).size() == 2, LIVE, "both entries on the console");

    // The blog's editor links to its console; only live blogs have one.
    cat.go("/desk/stories/" + SLUG);
    assertThat(cat.byName("a", "Live console").getDomAttribute("href")).isEqualTo(CONSOLE);
    assertThat(desk.server().editor("POST", "/api/v1/stories", "{\"headline\":\"Plain article\",\"section\":\"city\"}")
        .statusCode()).isEqualTo(201);
    assertThat(cat.fetchStatus("fetch('/desk/live/plain-article')")).isEqualTo(404);
    assertThat(cat.fetchStatus("fetch('/desk/live/no-such-blog/entries')")).isEqualTo(404);
  }

  @Test
  void aFailedPostKeepsTheTextAndAReloadBringsItBack() {
    DeskDriver ann = console("ann@example.org");
    WebElement composer = ann.byName("textarea", "New entry");
    composer.sendKeys("Schools close early today.");
    ann.js("window.ndDesk.csrf = 'stale'"); // the server refuses the post (403)
    composer.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    Await.until(() -> !ann.driver().findElement(By.id("composer-error")).getText().isEmpty(), LIVE, "the error");
    assertThat(ann.driver().findElement(By.id("composer-error")).getText()).contains("Not saved", "kept");
    assertThat(composer.getDomProperty("value")).isEqualTo("Schools close early today.");
    assertThat(entries()).isEmpty();

    // Closed and opened again, the page brings the text back; posted, it is gone from the copy.
    ann.go(CONSOLE);
    WebElement again = ann.byName("textarea", "New entry");
    assertThat(again.getDomProperty("value")).isEqualTo("Schools close early today.");
    again.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    Await.until(() -> entries().size() == 1, LIVE, "the entry, posted");
    Await.until(() -> "".equals(again.getDomProperty("value")), LIVE, "the composer to empty");
    ann.go(CONSOLE);
    assertThat(ann.byName("textarea", "New entry").getDomProperty("value")).isEmpty();

    // A post that reached the server but whose answer was lost goes again with the same
    // Idempotency-Key, and the server answers it once: one entry, not two.
    ann.js("const desk = window.ndDesk, send = desk.send;"
        + " desk.send = function (url, options) { desk.send = send;"
        + " return send.call(desk, url, options).then(() => { throw new TypeError('answer lost'); }); }");
    WebElement third = ann.byName("textarea", "New entry");
    third.sendKeys("The bridge is closed.", Keys.chord(Keys.CONTROL, Keys.ENTER));
    Await.until(() -> ann.driver().findElement(By.id("composer-error")).getText().contains("cannot be reached"), LIVE,
        "the lost answer");
    assertThat(entries()).hasSize(2);
    assertThat(third.getDomProperty("value")).isEqualTo("The bridge is closed.");
    third.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    Await.until(() -> "".equals(third.getDomProperty("value")), LIVE, "the composer to empty");
    assertThat(entries()).extracting(e -> e.path("body").asText())
        .containsExactly("Schools close early today.", "The bridge is closed.");
  }

  @Test
  void aDraftBlogsConsoleFetchesEntriesOthersPostAndAnEditInProgressSurvivesAReload() {
    assertThat(desk.server().editor("POST", "/api/v1/stories",
        "{\"headline\":\"Budget night\",\"section\":\"politics\",\"kind\":\"live\"}").statusCode()).isEqualTo(201);
    DeskDriver ann = desk.another();
    ann.openAndSignIn("ann@example.org", PASSWORD);
    ann.go("/desk/live/budget-night");
    assertThat(ann.driver().findElement(By.id("story-status")).getText()).isEqualTo("Draft");

    // A draft announces nothing to readers, so the console asks for its entries while it is shown.
    var posted = desk.server().editor("POST", "/api/v1/stories/budget-night/entries", "{\"body\":\"Doors open at 7.\"}");
    assertThat(posted.statusCode()).isEqualTo(201);
    long id = json(posted.body()).path("id").asLong();
    Await.until(() -> entryTexts(ann).size() == 1, Duration.ofSeconds(30), "the entry posted elsewhere");

    // An edit under way is kept in this browser: after a reload it is open again with its text.
    ann.byName(entry(ann, id), "button", "Edit").click();
    WebElement area = ann.byName(entry(ann, id), "textarea", "Edit entry");
    area.sendKeys(" Speeches at 8.");
    ann.go("/desk/live/budget-night");
    WebElement again = ann.byName(entry(ann, id), "textarea", "Edit entry");
    assertThat(again.getDomProperty("value")).isEqualTo("Doors open at 7. Speeches at 8.");
    assertThat(ann.focusedName()).isEqualTo("Edit entry");
    again.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    Await.until(() -> entryTexts(ann).get(0).contains("Speeches at 8."), LIVE, "the saved edit");
    assertThat(ann.js("return localStorage.getItem('nd-live:budget-night:edit:" + id + "')")).isNull();
  }

  // ---- helpers

  private void person(String email, String name, Role role) {
    desk.server().app().users().create(email, name, role, PASSWORD.toCharArray());
  }

  /** A browser signed in as {@code email}, on the console with its stream open. */
  private DeskDriver console(String email) {
    DeskDriver b = desk.another();
    b.openAndSignIn(email, PASSWORD);
    b.go(CONSOLE);
    Await.until(() -> "open".equals(b.js("return document.body.dataset.live")), LIVE, "the console's stream");
    return b;
  }

  private static WebElement entry(DeskDriver b, long id) {
    return b.driver().findElement(By.id("entry-" + id));
  }

  /** The console's entries as shown, newest first, read in one step. */
  @SuppressWarnings("unchecked")
  private static List<String> entryTexts(DeskDriver b) {
    return (List<String>) b.js("return [...document.querySelectorAll('#console-entries article')].map(a => a.innerText)");
  }

  /** Whether the entry's toggle button is pressed, read in one step (desk-live.js replaces entries as they change). */
  private static boolean pressed(DeskDriver b, long id, String button) {
    return Boolean.TRUE.equals(b.js("return [...document.querySelectorAll('#entry-" + id + " button')]"
        + ".some(x => x.textContent.trim() === '" + button + "' && x.getAttribute('aria-pressed') === 'true')"));
  }

  private static boolean dialogOpen(DeskDriver b) {
    return Boolean.TRUE.equals(b.js("return document.getElementById('confirm-delete').open"));
  }

  @SuppressWarnings("unchecked")
  private static List<Long> pinnedOnReader(DeskDriver reader) {
    return (List<Long>) reader.js("return [...document.querySelectorAll('#entries .entry.pinned')].map(e => Number(e.dataset.entryId))");
  }

  @SuppressWarnings("unchecked")
  private static List<Long> keyEventsOnReader(DeskDriver reader) {
    return (List<Long>) reader.js("return [...document.querySelectorAll('#key-events li')].map(e => Number(e.dataset.entryId))");
  }

  private long addEntry(String body) {
    var res = desk.server().editor("POST", "/api/v1/stories/" + SLUG + "/entries", "{\"body\":\"" + body + "\"}");
    assertThat(res.statusCode()).isEqualTo(201);
    return json(res.body()).path("id").asLong();
  }

  /** The blog's entries not deleted, oldest first, as the API has them. */
  private List<JsonNode> entries() {
    var out = new ArrayList<JsonNode>();
    json(desk.server().editor("GET", "/api/v1/stories/" + SLUG, null).body()).path("entries").forEach(e -> {
      if (!e.path("deleted").asBoolean()) out.add(e);
    });
    return out;
  }

  private static JsonNode json(String body) {
    try {
      return ContentJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
