package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import newsdesk.store.Role;
import newsdesk.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The desk's tools in real headless Chromium, by accessible names: an editor sends a breaking
 * alert from the story list, sees whom it reaches and confirms it; an admin adds a person, makes
 * and revokes an API token (accepting the confirmation) and adds a webhook.
 */
class DeskToolsBrowserTest {
  private static final String PASSWORD = DeskBrowser.PASSWORD;

  @RegisterExtension final DeskBrowser desk = new DeskBrowser();

  @Test
  void anEditorSendsABreakingAlertAfterSeeingWhomItReachesAndConfirming() {
    desk.server().createUser("ed@example.org", Role.EDITOR, PASSWORD);
    assertThat(desk.server().editor("POST", "/api/v1/stories",
        "{\"headline\":\"Flood barrier closes\",\"section\":\"city\",\"status\":\"published\"}").statusCode()).isEqualTo(201);
    var push = desk.server().app().pushStore();
    push.savePushSubscription("https://push.example.org/1", "k1", "a1", List.of("breaking"), Instant.now());
    push.savePushSubscription("https://push.example.org/2", "k2", "a2", List.of("section:city"), Instant.now());
    push.savePushSubscription("https://push.example.org/3", "k3", "a3", List.of("breaking", "section:city"), Instant.now());

    desk.driver().get(desk.server().baseUrl() + "/desk/sign-in");
    desk.signIn("ed@example.org", PASSWORD);
    desk.clickAndWait(desk.byName("a", "Breaking alert: Flood barrier closes"));
    assertThat(desk.driver().getCurrentUrl()).endsWith("/desk/stories/flood-barrier-closes/alert");
    assertThat(desk.byName("input", "Headline").getAttribute("value")).isEqualTo("Flood barrier closes");

    // The count follows the choice, and is what the store counts.
    var reach = desk.driver().findElement(By.id("alert-reach-now"));
    assertThat(reach.getText()).isEqualTo("This alert will reach 2 subscriptions.");
    desk.byName("input", "Also to followers of city").click();
    assertThat(reach.getText()).isEqualTo("This alert will reach 3 subscriptions.");
    assertThat(push.pushSubscriptionCount(List.of("breaking", "section:city"))).isEqualTo(3);
    desk.byName("textarea", "Text").sendKeys("Roads by the river are shut.");

    desk.clickAndWait(desk.byName("button", "Review alert"));
    assertThat(desk.driver().findElement(By.tagName("h2")).getText()).isEqualTo("Send this alert to 3 subscriptions?");
    assertThat(deliveries()).as("nothing before the confirmation").isZero();

    desk.clickAndWait(desk.byName("button", "Send alert"));
    assertThat(desk.driver().findElement(By.id("alert-sent")).getText()).isEqualTo("Alert queued for 3 subscriptions.");
    assertThat(deliveries()).as("one alert, one delivery per subscription").isEqualTo(3);

    // The published story's editor links to the form too.
    desk.driver().get(desk.server().baseUrl() + "/desk/stories/flood-barrier-closes");
    Await.until(() -> desk.byName("a", "Send a breaking alert").isDisplayed(), Duration.ofSeconds(10), "the editor's alert link");
    desk.clickAndWait(desk.byName("a", "Send a breaking alert"));
    assertThat(desk.driver().getCurrentUrl()).endsWith("/desk/stories/flood-barrier-closes/alert");
  }

  @Test
  void aContributorHasNoAlertLinkAndIsRefusedTheForm() {
    desk.server().createUser("cat@example.org", Role.CONTRIBUTOR, PASSWORD);
    assertThat(desk.server().editor("POST", "/api/v1/stories",
        "{\"headline\":\"Flood barrier closes\",\"section\":\"city\",\"status\":\"published\"}").statusCode()).isEqualTo(201);
    desk.driver().get(desk.server().baseUrl() + "/desk/sign-in");
    desk.signIn("cat@example.org", PASSWORD);
    assertThat(desk.driver().findElements(By.cssSelector("a[href$='/alert']"))).isEmpty();
    assertThat(desk.fetchStatus("fetch('/desk/stories/flood-barrier-closes/alert')")).isEqualTo(403);
    assertThat(desk.fetchStatus("fetch('/desk/stories/flood-barrier-closes/alert', {method: 'POST', headers:"
        + " {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'csrf=' + encodeURIComponent(window.ndDesk.csrf)"
        + " + '&headline=x&step=send&key=k'})")).isEqualTo(403);
    assertThat(deliveries()).isZero();
  }

  @Test
  void anAdminManagesPeopleTokensAndWebhooksInTheDesk() {
    desk.server().createUser("ada@example.org", Role.ADMIN, PASSWORD);
    desk.driver().get(desk.server().baseUrl() + "/desk/sign-in");
    desk.signIn("ada@example.org", PASSWORD);

    desk.clickAndWait(desk.byName("a", "People"));
    desk.byName("input", "Email").sendKeys("ben@example.org");
    desk.byName("input", "Display name").sendKeys("Ben Reporter");
    new Select(desk.byName("select", "Role")).selectByVisibleText("editor");
    desk.byName("input", "First password").sendKeys("a long first password");
    desk.clickAndWait(desk.byName("button", "Add person"));
    assertThat(desk.driver().findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Added ben@example.org as editor.");
    assertThat(desk.server().app().users().authenticate("ben@example.org", "a long first password".toCharArray())).isPresent();

    desk.clickAndWait(desk.byName("a", "API tokens"));
    desk.byName("input", "Name").sendKeys("Night desk");
    desk.clickAndWait(desk.byName("button", "Create token"));
    String secret = desk.byName("input", "Secret").getAttribute("value");
    assertThat(desk.server().app().tokens().authenticate(secret)).hasValueSatisfying(t -> assertThat(t.role()).isEqualTo(Role.EDITOR));
    desk.byName("button", "Revoke Night desk").click();
    desk.driver().switchTo().alert().accept();
    Await.until(() -> desk.server().app().tokens().authenticate(secret).isEmpty(), Duration.ofSeconds(10), "the revocation");

    desk.clickAndWait(desk.byName("a", "Webhooks"));
    desk.byName("input", "URL").sendKeys("http://127.0.0.1:9/hook");
    desk.clickAndWait(desk.byName("button", "Add webhook"));
    assertThat(desk.driver().findElement(By.id("form-error")).getText()).contains("Refused");
    assertThat(desk.server().app().callbackStore().webhooks()).isEmpty();
  }

  private long deliveries() {
    return desk.server().app().pushStore().pushDeliveryCounts().values().stream().mapToLong(Long::longValue).sum();
  }
}
