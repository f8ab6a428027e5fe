package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import newsdesk.content.ContentJson;
import newsdesk.store.Role;
import newsdesk.store.User;
import newsdesk.testing.Await;
import newsdesk.testing.DeskSession;
import newsdesk.testing.LocalPushService;
import newsdesk.testing.LocalSubscriber;
import newsdesk.testing.PushSubscriber;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desk's tools over HTTP with real sessions: who may use each (editors alert, admins manage
 * people, tokens and webhooks; every refusal changes nothing), the alert's counts against the push
 * store and its one-time confirmation, secrets shown once, and the same rules as the CLI and API.
 */
class DeskToolsTest {
  private static final String PASSWORD = "correct horse battery";
  private static final Pattern SECRET = Pattern.compile("id=\"new-secret\" class=\"secret-value\" readonly value=\"([^\"]+)\"");

  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir.resolve("data"), Map.of("callbacks.allow-private", "true",
        "callbacks.first-retry-ms", "100", "push.allow-insecure-endpoints", "true"));
    server.createUser("cat@example.org", Role.CONTRIBUTOR, PASSWORD);
    server.createUser("ed@example.org", Role.EDITOR, PASSWORD);
    server.createUser("ada@example.org", Role.ADMIN, PASSWORD);
    assertThat(server.editor("POST", "/api/v1/stories",
        "{\"headline\":\"Flood barrier closes\",\"section\":\"city\",\"status\":\"published\",\"summary\":\"The river is rising.\"}")
        .statusCode()).isEqualTo(201);
    assertThat(server.editor("POST", "/api/v1/stories", "{\"headline\":\"Quiet draft\",\"section\":\"city\"}").statusCode())
        .isEqualTo(201);
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void eachToolAnswersOnlyTheRoleItNeedsAndARefusalChangesNothing() {
    var cat = DeskSession.signIn(server, "cat@example.org", PASSWORD);
    var ed = DeskSession.signIn(server, "ed@example.org", PASSWORD);
    var ada = DeskSession.signIn(server, "ada@example.org", PASSWORD);
    subscribe(1, "breaking");
    String alert = "/desk/stories/flood-barrier-closes/alert";

    assertThat(cat.get(alert).statusCode()).isEqualTo(403);
    assertThat(ed.get(alert).statusCode()).isEqualTo(200);
    assertThat(ada.get(alert).statusCode()).isEqualTo(200);
    for (String page : List.of("/desk/users", "/desk/tokens", "/desk/webhooks")) {
      assertThat(cat.get(page).statusCode()).as(page).isEqualTo(403);
      assertThat(ed.get(page).statusCode()).as(page).isEqualTo(403);
      assertThat(ada.get(page).statusCode()).as(page).isEqualTo(200);
    }

    assertThat(cat.post(alert, "headline", "Now", "step", "send", "key", "k1").statusCode()).isEqualTo(403);
    assertThat(deliveries()).isZero();
    assertThat(ed.post("/desk/users", "email", "eve@example.org", "name", "Eve", "role", "admin", "password", PASSWORD)
        .statusCode()).isEqualTo(403);
    assertThat(server.app().users().list()).extracting(User::email).doesNotContain("eve@example.org");
    assertThat(ed.post("/desk/tokens", "name", "mine", "role", "admin").statusCode()).isEqualTo(403);
    assertThat(server.app().tokens().list()).extracting(t -> t.name()).doesNotContain("mine");
    assertThat(ed.post("/desk/webhooks", "url", "https://hooks.example.org/x").statusCode()).isEqualTo(403);
    assertThat(server.app().callbackStore().webhooks()).isEmpty();

    // Without the CSRF token, or from another origin: 403, nothing sent.
    var noToken = ed.post(alert, "csrf", "", "headline", "Now", "step", "send", "key", "k2");
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(deliveries()).isZero();

    // The admin links show to admins only.
    assertThat(ada.get("/desk").body()).contains("href=\"/desk/users\"");
    assertThat(ed.get("/desk").body()).doesNotContain("href=\"/desk/users\"");
    // The list links a published story to its alert, for editors, and a draft to none.
    assertThat(ed.get("/desk").body()).contains("href=\"" + alert + "\"").doesNotContain("quiet-draft/alert");
    assertThat(cat.get("/desk").body()).doesNotContain(alert);
  }

  @Test
  void theAlertShowsWhomItReachesAsTheStoreCountsThemAndAConfirmationQueuesItOnce() {
    subscribe(1, "breaking");
    subscribe(2, "breaking", "section:city");
    subscribe(3, "section:city");
    subscribe(4, "section:sport");
    var ed = DeskSession.signIn(server, "ed@example.org", PASSWORD);
    String alert = "/desk/stories/flood-barrier-closes/alert";

    var form = ed.get(alert);
    assertThat(form.body()).contains("data-breaking=\"2\"", "data-with-section=\"3\"")
        .contains("value=\"Flood barrier closes\"", "The river is rising.");
    assertThat(server.app().pushStore().pushSubscriptionCount(List.of("breaking", "section:city"))).isEqualTo(3);

    var review = ed.post(alert, "headline", "Flood barrier closes at noon", "text", "Roads by the river shut.",
        "section", "on", "step", "review");
    assertThat(review.statusCode()).isEqualTo(200);
    assertThat(review.body()).contains("Send this alert to <span id=\"confirm-reach\">3</span> subscriptions?");
    assertThat(deliveries()).as("nothing is sent before the confirmation").isZero();
    String key = field(review.body(), "key");

    var sent = ed.post(alert, "headline", "Flood barrier closes at noon", "text", "Roads by the river shut.",
        "section", "on", "step", "send", "key", key);
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("Alert queued for <strong>3</strong> subscriptions.");
    assertThat(deliveries()).isEqualTo(3);

    // The same confirmation again (a double click, a resent form): the same answer, no second alert.
    var again = ed.post(alert, "headline", "Flood barrier closes at noon", "text", "Roads by the river shut.",
        "section", "on", "step", "send", "key", key);
    assertThat(again.body()).contains("Alert queued for <strong>3</strong> subscriptions.");
    assertThat(deliveries()).isEqualTo(3);

    // Breaking followers only: 2.
    var plain = ed.post(alert, "headline", "Barrier holds", "step", "review");
    assertThat(plain.body()).contains("<span id=\"confirm-reach\">2</span>");

    // No headline: the form again with why; a draft cannot be alerted.
    var empty = ed.post(alert, "headline", " ", "step", "review");
    assertThat(empty.statusCode()).isEqualTo(422);
    assertThat(empty.body()).contains("The alert needs a headline.");
    assertThat(ed.get("/desk/stories/quiet-draft/alert").statusCode()).isEqualTo(409);
    assertThat(ed.post("/desk/stories/quiet-draft/alert", "headline", "x", "step", "send", "key", "k").statusCode())
        .isEqualTo(409);
    assertThat(ed.get("/desk/stories/no-such-story/alert").statusCode()).isEqualTo(404);
    assertThat(deliveries()).isEqualTo(3);
  }

  @Test
  void aConfirmedAlertReachesASubscribedBrowserOnceThroughThePushService() throws Exception {
    try (var service = LocalPushService.start()) {
      var reader = PushSubscriber.create();
      String key = ContentJson.MAPPER.readTree(server.send("GET", "/push/key", null, null).body()).path("publicKey").asText();
      String endpoint = service.subscribe(reader, key);
      assertThat(server.send("POST", "/push/subscriptions", reader.subscriptionJson(endpoint, "breaking"), null)
          .statusCode()).isEqualTo(201);
      var ed = DeskSession.signIn(server, "ed@example.org", PASSWORD);
      String alert = "/desk/stories/flood-barrier-closes/alert";
      String confirmKey = field(ed.post(alert, "headline", "Barrier shut", "step", "review").body(), "key");
      for (int i = 0; i < 2; i++) {
        assertThat(ed.post(alert, "headline", "Barrier shut", "step", "send", "key", confirmKey).body())
            .contains("Alert queued for <strong>1</strong> subscriptions.");
      }
      Await.until(() -> server.app().pushStore().pushDeliveryCounts().get("sent") == 1, Duration.ofSeconds(20),
          "the delivery to be sent");
      assertThat(service.receivedBy(endpoint)).singleElement()
          .satisfies(r -> assertThat(r.json().path("title").asText()).isEqualTo("Barrier shut"));
      assertThat(service.requestsTo(endpoint)).isEqualTo(1);
      assertThat(service.violations()).isEmpty();
    }
  }

  @Test
  void alertsCountAgainstThePersonsPublishRateAsTheApisWritesDo() {
    server.close();
    server = TestServer.start(dir.resolve("limited"), Map.of("limits.publish-per-second", "1",
        "limits.publish-burst", "1"));
    server.createUser("ed@example.org", Role.EDITOR, PASSWORD);
    assertThat(server.editor("POST", "/api/v1/stories",
        "{\"headline\":\"Flood barrier closes\",\"section\":\"city\",\"status\":\"published\"}").statusCode())
        .isEqualTo(201);
    subscribe(1, "breaking");
    var ed = DeskSession.signIn(server, "ed@example.org", PASSWORD);
    String alert = "/desk/stories/flood-barrier-closes/alert";
    int sent = 0;
    int refused = 0;
    for (int i = 0; i < 5 && refused == 0; i++) {
      var res = ed.post(alert, "headline", "Alert " + i, "step", "send", "key", "key-" + i);
      if (res.statusCode() == 200) sent++;
      else if (res.statusCode() == 429 && res.headers().firstValue("Retry-After").isPresent()) refused++;
      else throw new AssertionError("a send answered " + res.statusCode() + ": " + res.body());
    }
    assertThat(refused).as("a send past the bucket is refused with 429 and Retry-After").isEqualTo(1);
    assertThat(deliveries()).as("only the sends let through queued an alert").isEqualTo(sent);
  }

  @Test
  void anAdminAddsAndDisablesPeopleByTheCommandLinesRules() {
    var ada = DeskSession.signIn(server, "ada@example.org", PASSWORD);
    var added = ada.post("/desk/users", "email", "Ben@Example.org", "name", "Ben Reporter", "role", "editor",
        "password", "a long first password");
    assertThat(added.statusCode()).isEqualTo(303);
    var list = ada.get(added.headers().firstValue("Location").orElseThrow());
    assertThat(list.body()).contains("Added ben@example.org as editor.").doesNotContain("a long first password");
    var ben = DeskSession.signIn(server, "ben@example.org", "a long first password");
    assertThat(ben.get("/desk").statusCode()).isEqualTo(200);

    var weak = ada.post("/desk/users", "email", "short@example.org", "name", "Short", "role", "editor", "password", "short");
    assertThat(weak.statusCode()).isEqualTo(422);
    assertThat(weak.body()).contains("at least 12 characters").doesNotContain("value=\"short\"");
    var taken = ada.post("/desk/users", "email", "ben@example.org", "name", "Ben", "role", "admin", "password", PASSWORD);
    assertThat(taken.statusCode()).isEqualTo(422);
    assertThat(server.app().users().list()).filteredOn(u -> u.email().equals("ben@example.org")).hasSize(1);

    long benId = server.app().users().list().stream().filter(u -> u.email().equals("ben@example.org")).findFirst()
        .orElseThrow().id();
    assertThat(ada.post("/desk/users/" + benId + "/disable").statusCode()).isEqualTo(303);
    assertThat(ben.get("/desk").statusCode()).as("a disabled person's session stops").isEqualTo(303);
    long adaId = server.app().users().list().stream().filter(u -> u.email().equals("ada@example.org")).findFirst()
        .orElseThrow().id();
    assertThat(ada.post("/desk/users/" + adaId + "/disable").statusCode()).isEqualTo(409);
    assertThat(ada.get("/desk").statusCode()).isEqualTo(200);
  }

  @Test
  void aTokensSecretIsShownOnceAndWorksUntilRevoked() {
    var ada = DeskSession.signIn(server, "ada@example.org", PASSWORD);
    var made = ada.post("/desk/tokens", "name", "Night desk", "role", "editor");
    assertThat(made.statusCode()).isEqualTo(201);
    var m = SECRET.matcher(made.body());
    assertThat(m.find()).isTrue();
    String secret = m.group(1);
    assertThat(secret).startsWith("nd_");
    assertThat(server.send("GET", "/api/v1/stories", null, secret).statusCode()).isEqualTo(200);
    assertThat(ada.get("/desk/tokens").body()).contains("Night desk").doesNotContain(secret);

    long id = server.app().tokens().list().stream().filter(t -> t.name().equals("Night desk")).findFirst().orElseThrow().id();
    assertThat(ada.post("/desk/tokens/" + id + "/revoke").statusCode()).isEqualTo(303);
    assertThat(server.send("GET", "/api/v1/stories", null, secret).statusCode()).isEqualTo(401);
    assertThat(ada.post("/desk/tokens/" + id + "/revoke").statusCode()).isEqualTo(404);
    assertThat(ada.post("/desk/tokens", "name", "x", "role", "owner").statusCode()).isEqualTo(422);
  }

  @Test
  void aWebhookIsCheckedByTheAddressRulesShowsItsSecretOnceAndHowItsDeliveriesStand() throws Exception {
    var ada = DeskSession.signIn(server, "ada@example.org", PASSWORD);
    var refused = ada.post("/desk/webhooks", "url", "ftp://hooks.example.org/x");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("Refused:");
    assertThat(server.app().callbackStore().webhooks()).isEmpty();

    try (var receiver = LocalSubscriber.start()) {
      var added = ada.post("/desk/webhooks", "url", receiver.url("/hook"));
      assertThat(added.statusCode()).isEqualTo(201);
      var m = SECRET.matcher(added.body());
      assertThat(m.find()).isTrue();
      assertThat(m.group(1)).startsWith("whsec_");
      assertThat(ada.get("/desk/webhooks").body()).contains(receiver.url("/hook")).contains("none yet")
          .doesNotContain(m.group(1));

      assertThat(server.editor("POST", "/api/v1/stories/quiet-draft/publish", null).statusCode()).isEqualTo(200);
      receiver.delivery(1, Duration.ofSeconds(20));
      Await.until(() -> ada.get("/desk/webhooks").body().contains("HTTP 204"), Duration.ofSeconds(20),
          "the delivery's status on the page");
      String row = ada.get("/desk/webhooks").body();
      assertThat(row).containsPattern("<td>1</td><td>0</td><td>0</td><td class=\"last\">[^<]*HTTP 204</td>");

      long id = server.app().callbackStore().webhooks().get(0).id();
      assertThat(ada.post("/desk/webhooks/" + id + "/delete").statusCode()).isEqualTo(303);
      assertThat(server.app().callbackStore().webhooks()).isEmpty();
      assertThat(ada.post("/desk/webhooks/" + id + "/delete").statusCode()).isEqualTo(404);
    }
  }

  private void subscribe(int i, String... topics) {
    server.app().pushStore().savePushSubscription("https://push.example.org/send/" + i, "key" + i, "auth" + i,
        List.of(topics), Instant.now());
  }

  private long deliveries() {
    return server.app().pushStore().pushDeliveryCounts().values().stream().mapToLong(Long::longValue).sum();
  }

  private static String field(String html, String name) {
    var m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    if (!m.find()) throw new AssertionError("no field " + name);
    return m.group(1);
  }
}
