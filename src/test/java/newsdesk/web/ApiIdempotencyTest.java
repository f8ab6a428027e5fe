package newsdesk.web;

import static newsdesk.web.ApiTestSupport.STORIES;
import static newsdesk.web.ApiTestSupport.assertProblem;
import static newsdesk.web.ApiTestSupport.json;
import static newsdesk.web.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import newsdesk.store.Role;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's creates with an {@code Idempotency-Key} header: sent again with the same key and body
 * (a client whose answer was lost), they change nothing and get the first answer; the same key on
 * another request is refused with 422. Keys are per token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIdempotencyTest {
  @TempDir static Path dir;
  TestServer server;

  @BeforeAll
  void start() {
    server = TestServer.start(dir);
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  private HttpResponse<String> post(String path, String body, String key, String token) {
    HttpRequest plain = TestServer.request("POST", server.baseUrl() + path, body, token);
    if (key == null) return TestServer.exchange(plain);
    return TestServer.exchange(HttpRequest.newBuilder(plain, (name, value) -> true).header("Idempotency-Key", key).build());
  }

  private String headline() {
    return "Ferry strike " + UUID.randomUUID();
  }

  private int storiesWithHeadline(String headline) {
    var list = json(server.editor("GET", STORIES + "?limit=100", null));
    int n = 0;
    for (var s : list.path("items")) if (s.path("headline").asText().equals(headline)) n++;
    return n;
  }

  @Test
  void aCreateSentAgainWithTheSameKeyAndBodyGetsTheFirstAnswerAndCreatesNothing() {
    String h = headline();
    String body = obj().put("headline", h).put("section", "world").put("status", "published").toString();
    String key = UUID.randomUUID().toString();
    var first = post(STORIES, body, key, server.editorToken());
    var again = post(STORIES, body, key, server.editorToken());
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location")).isPresent();
    assertThat(storiesWithHeadline(h)).isEqualTo(1);
  }

  @Test
  void withoutAKeyTheSameCreateSentTwiceMakesTwoStories() {
    String h = headline();
    String body = obj().put("headline", h).put("section", "world").toString();
    var first = post(STORIES, body, null, server.editorToken());
    var second = post(STORIES, body, null, server.editorToken());
    assertThat(json(second).path("slug").asText()).isNotEqualTo(json(first).path("slug").asText());
    assertThat(storiesWithHeadline(h)).isEqualTo(2);
  }

  @Test
  void theSameKeyOnAnotherBodyOrPathIsRefusedWith422AndChangesNothing() {
    String key = UUID.randomUUID().toString();
    String h = headline();
    var first = post(STORIES, obj().put("headline", h).put("section", "world").toString(), key, server.editorToken());
    assertThat(first.statusCode()).isEqualTo(201);
    String other = headline();
    var otherBody = post(STORIES, obj().put("headline", other).put("section", "world").toString(), key, server.editorToken());
    assertThat(assertProblem(otherBody, 422).path("type").asText()).isEqualTo("/problems/idempotency-key-reused");
    assertThat(storiesWithHeadline(other)).isZero();
    String slug = json(first).path("slug").asText();
    var otherPath = post(STORIES + "/" + slug + "/corrections", obj().put("text", "A fix.").toString(), key,
        server.editorToken());
    assertThat(assertProblem(otherPath, 422).path("type").asText()).isEqualTo("/problems/idempotency-key-reused");
    assertThat(json(server.editor("GET", STORIES + "/" + slug, null)).path("corrections")).isEmpty();
  }

  @Test
  void keysArePerToken() {
    String h = headline();
    String body = obj().put("headline", h).put("section", "world").toString();
    String key = UUID.randomUUID().toString();
    String otherEditor = server.app().tokens().create(Role.EDITOR, "second desk").secret();
    assertThat(post(STORIES, body, key, server.editorToken()).statusCode()).isEqualTo(201);
    assertThat(post(STORIES, body, key, otherEditor).statusCode()).isEqualTo(201);
    assertThat(storiesWithHeadline(h)).isEqualTo(2);
  }

  @Test
  void anEntryAndACorrectionSentAgainWithTheirKeysAreAddedOnce() {
    String slug = json(post(STORIES, obj().put("headline", headline()).put("section", "world").put("kind", "live").put("status", "published")
        .toString(), null, server.editorToken())).path("slug").asText();
    String entry = obj().put("body", "Talks resume at noon.").toString();
    String entryKey = UUID.randomUUID().toString();
    var first = post(STORIES + "/" + slug + "/entries", entry, entryKey, server.editorToken());
    var again = post(STORIES + "/" + slug + "/entries", entry, entryKey, server.editorToken());
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(json(server.editor("GET", STORIES + "/" + slug, null)).path("entries")).hasSize(1);

    String fix = obj().put("text", "Talks resume at one.").toString();
    String fixKey = "\"" + UUID.randomUUID() + "\""; // the draft's sf-string form
    assertThat(post(STORIES + "/" + slug + "/corrections", fix, fixKey, server.editorToken()).statusCode()).isEqualTo(201);
    assertThat(post(STORIES + "/" + slug + "/corrections", fix, fixKey, server.editorToken()).statusCode()).isEqualTo(201);
    assertThat(json(server.editor("GET", STORIES + "/" + slug, null)).path("corrections")).hasSize(1);
  }

  @Test
  void aKeyThatIsEmptyTooLongOrHoldsASpaceIsA400() {
    String body = obj().put("headline", headline()).put("section", "world").toString();
    for (String bad : new String[] {"\"\"", "k".repeat(256), "two words"}) {
      var r = post(STORIES, body, bad, server.editorToken());
      assertThat(assertProblem(r, 400).path("field").asText()).as(bad).isEqualTo("Idempotency-Key");
    }
  }
}
