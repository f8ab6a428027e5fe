package newsdesk.web;

import static newsdesk.web.ApiTestSupport.STORIES;
import static newsdesk.web.ApiTestSupport.assertProblem;
import static newsdesk.web.ApiTestSupport.createLive;
import static newsdesk.web.ApiTestSupport.createStory;
import static newsdesk.web.ApiTestSupport.json;
import static newsdesk.web.ApiTestSupport.obj;
import static newsdesk.web.ApiTestSupport.raw;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal the API makes is an RFC 9457 problem with the right status: authentication,
 * authorisation, unknown addresses, malformed bodies, size limits and conflicts. (Invalid fields:
 * {@link ApiInvalidFieldsTest}; hostile input: {@link ApiHostileInputTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorsTest {
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

  // ---- 401 / 403

  @Test
  void missingTokenIsUnauthorizedWithBearerChallenge() {
    var r = server.send("GET", STORIES, null, null);
    var p = assertProblem(r, 401);
    assertThat(p.path("title").asText()).isEqualTo("Unauthorized");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void everyApiRouteRefusesARequestWithoutAToken() {
    String slug = createStory(server, obj()).path("slug").asText();
    List<String[]> routes = List.of(
        new String[] {"POST", STORIES}, new String[] {"GET", STORIES},
        new String[] {"GET", STORIES + "/" + slug}, new String[] {"PATCH", STORIES + "/" + slug},
        new String[] {"POST", STORIES + "/" + slug + "/publish"}, new String[] {"POST", STORIES + "/" + slug + "/retract"},
        new String[] {"POST", STORIES + "/" + slug + "/corrections"}, new String[] {"POST", STORIES + "/" + slug + "/entries"},
        new String[] {"PATCH", STORIES + "/" + slug + "/entries/1"}, new String[] {"DELETE", STORIES + "/" + slug + "/entries/1"},
        new String[] {"POST", "/api/v1/tokens"}, new String[] {"GET", "/api/v1/tokens"},
        new String[] {"DELETE", "/api/v1/tokens/1"});
    for (String[] route : routes) {
      var r = server.send(route[0], route[1], "{}", null);
      assertThat(r.statusCode()).as("%s %s", route[0], route[1]).isEqualTo(401);
      assertProblem(r, 401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).as("%s %s", route[0], route[1]).isPresent();
    }
  }

  @Test
  void unknownTokenIsUnauthorized() {
    var r = server.send("GET", STORIES, null, "nd_not-a-real-token");
    assertProblem(r, 401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void nonBearerSchemeIsUnauthorized() {
    var r = ApiTestSupport.withAuthorization(server, "GET", STORIES, "Basic dXNlcjpwYXNz");
    assertProblem(r, 401);
    assertThat(json(r).path("detail").asText()).contains("Bearer");
  }

  @Test
  void revokedTokenIsUnauthorized() {
    var created = json(server.send("POST", "/api/v1/tokens", "{\"role\":\"editor\",\"name\":\"short-lived\"}", server.adminToken()));
    String secret = created.path("token").asText();
    assertThat(server.send("GET", STORIES, null, secret).statusCode()).isEqualTo(200);
    assertThat(server.send("DELETE", "/api/v1/tokens/" + created.path("id").asLong(), null, server.adminToken()).statusCode())
        .isEqualTo(204);
    var r = server.send("GET", STORIES, null, secret);
    assertProblem(r, 401);
    assertThat(json(r).path("detail").asText()).contains("revoked");
  }

  @Test
  void editorMayNotManageTokens() {
    for (var r : List.of(
        server.editor("GET", "/api/v1/tokens", null),
        server.editor("POST", "/api/v1/tokens", "{\"role\":\"admin\"}"),
        server.editor("DELETE", "/api/v1/tokens/1", null))) {
      var p = assertProblem(r, 403);
      assertThat(p.path("title").asText()).isEqualTo("Forbidden");
      assertThat(p.path("detail").asText()).contains("admin");
    }
  }

  // ---- 404

  @Test
  void unknownSlugIsNotFoundOnEveryStoryRoute() {
    String s = STORIES + "/no-such-story";
    List<String[]> routes = List.of(
        new String[] {"GET", s, null}, new String[] {"PATCH", s, "{\"headline\":\"x\"}"},
        new String[] {"POST", s + "/publish", null}, new String[] {"POST", s + "/retract", null},
        new String[] {"POST", s + "/corrections", "{\"text\":\"x\"}"},
        new String[] {"POST", s + "/entries", "{\"body\":\"x\"}"},
        new String[] {"PATCH", s + "/entries/1", "{\"body\":\"x\"}"}, new String[] {"DELETE", s + "/entries/1", null});
    for (String[] route : routes) {
      var p = assertProblem(server.editor(route[0], route[1], route[2]), 404);
      assertThat(p.path("detail").asText()).as("%s %s", route[0], route[1]).contains("no-such-story");
    }
  }

  @Test
  void unknownEntryIsNotFound() {
    String slug = createLive(server, true).path("slug").asText();
    String base = STORIES + "/" + slug + "/entries/";
    for (String id : List.of("999999", "abc", "-1", "99999999999999999999999")) {
      assertProblem(server.editor("PATCH", base + id, "{\"body\":\"x\"}"), 404);
      assertProblem(server.editor("DELETE", base + id, null), 404);
    }
  }

  @Test
  void deletedEntryIsNotFound() {
    String slug = createLive(server, true).path("slug").asText();
    long id = ApiTestSupport.addEntry(server, slug, obj().put("body", "gone soon")).path("id").asLong();
    String path = STORIES + "/" + slug + "/entries/" + id;
    assertThat(server.editor("DELETE", path, null).statusCode()).isEqualTo(204);
    assertProblem(server.editor("DELETE", path, null), 404);
    assertProblem(server.editor("PATCH", path, "{\"pinned\":true}"), 404);
  }

  @Test
  void unknownTokenIdIsNotFound() {
    assertProblem(server.send("DELETE", "/api/v1/tokens/987654", null, server.adminToken()), 404);
    assertProblem(server.send("DELETE", "/api/v1/tokens/xyz", null, server.adminToken()), 404);
  }

  @Test
  void unknownApiAddressIsNotFound() {
    assertProblem(server.editor("GET", "/api/v2/stories", null), 404);
    assertProblem(server.editor("GET", STORIES + "/a/b/c/d", null), 404);
  }

  // ---- 405

  @Test
  void wrongMethodOnAKnownAddressIsMethodNotAllowed() {
    String slug = createStory(server, obj()).path("slug").asText();
    var r = server.editor("DELETE", STORIES + "/" + slug, null);
    var p = assertProblem(r, 405);
    assertThat(p.path("title").asText()).isEqualTo("Method Not Allowed");
    assertThat(r.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET", "PATCH"));
    assertProblem(server.editor("PUT", STORIES, "{}"), 405);
    assertProblem(server.editor("GET", STORIES + "/" + slug + "/publish", null), 405);
  }

  // ---- 400

  @Test
  void malformedJsonIsABadRequest() {
    for (String body : List.of("{", "{\"headline\": }", "not json", "{'headline':'x'}", "{\"a\":1} trailing",
        "{\"headline\":\"a\",\"headline\":\"b\"}")) {
      var p = assertProblem(server.editor("POST", STORIES, body), 400);
      assertThat(p.path("title").asText()).as(body).isEqualTo("Bad request");
    }
  }

  @Test
  void jsonThatIsNotAnObjectIsABadRequest() {
    for (String body : List.of("[]", "[{\"headline\":\"x\"}]", "\"headline\"", "42", "true", "null")) {
      var p = assertProblem(server.editor("POST", STORIES, body), 400);
      assertThat(p.path("detail").asText()).as(body).contains("JSON object");
    }
  }

  @Test
  void emptyBodyIsABadRequestWhereABodyIsNeeded() {
    String slug = createLive(server, true).path("slug").asText();
    for (String path : List.of(STORIES, STORIES + "/" + slug, STORIES + "/" + slug + "/entries",
        STORIES + "/" + slug + "/corrections")) {
      String method = path.equals(STORIES + "/" + slug) ? "PATCH" : "POST";
      assertProblem(server.editor(method, path, ""), 400);
      assertProblem(server.editor(method, path, null), 400);
    }
    assertProblem(server.send("POST", "/api/v1/tokens", "", server.adminToken()), 400);
  }

  // ---- 413

  @Test
  void bodyOverOneMebibyteIsTooLarge() {
    byte[] body = new byte[(1 << 20) + 1];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[body.length - 1] = '}';
    var r = raw(server, "POST", STORIES, body, server.editorToken());
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.isProblem()).as(r.headers()).isTrue();
    assertThat(r.body()).contains("\"status\":413");
  }

  @Test
  void chunkedBodyOverOneMebibyteIsTooLarge() throws Exception {
    byte[] body = new byte[(1 << 20) + 1];
    Arrays.fill(body, (byte) ' ');
    var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + STORIES))
        .header("Authorization", "Bearer " + server.editorToken())
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
        .build();
    var r = TestServer.http().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertProblem(r, 413);
  }

  @Test
  void bodyThatIsNotUtf8IsABadRequest() {
    byte[] latin1 = "{\"headline\":\"Caf\u00e9\",\"section\":\"world\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    var r = raw(server, "POST", STORIES, latin1, server.editorToken());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.isProblem()).isTrue();
    assertThat(r.body()).contains("UTF-8");
  }

  @Test
  void undecodableQueryStringIsABadRequest() {
    var r = raw(server, "GET", STORIES + "?section=%zz", null, server.editorToken());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.isProblem()).isTrue();
  }

  @Test
  void bodyOfExactlyOneMebibyteIsRead() {
    byte[] body = new byte[1 << 20];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[body.length - 1] = '}';
    var r = raw(server, "POST", STORIES, body, server.editorToken());
    assertThat(r.status()).as(r.body()).isEqualTo(422);
  }

  // ---- 409

  @Test
  void duplicateSlugIsAConflict() {
    String slug = createStory(server, obj()).path("slug").asText();
    var r = server.editor("POST", STORIES, obj().put("headline", "Another").put("section", "world").put("slug", slug).toString());
    var p = assertProblem(r, 409);
    assertThat(p.path("title").asText()).isEqualTo("Conflict");
    assertThat(p.path("detail").asText()).contains(slug);
  }

  @Test
  void entryOnAnArticleIsAConflict() {
    String slug = createStory(server, obj().put("status", "published")).path("slug").asText();
    var p = assertProblem(server.editor("POST", STORIES + "/" + slug + "/entries", "{\"body\":\"x\"}"), 409);
    assertThat(p.path("detail").asText()).contains("not a live blog");
    assertProblem(server.editor("PATCH", STORIES + "/" + slug + "/entries/1", "{\"body\":\"x\"}"), 409);
    assertProblem(server.editor("DELETE", STORIES + "/" + slug + "/entries/1", null), 409);
  }

  @Test
  void publishingARetractedStoryIsAConflict() {
    String slug = createStory(server, obj().put("status", "published")).path("slug").asText();
    assertThat(server.editor("POST", STORIES + "/" + slug + "/retract", "{\"reason\":\"wrong\"}").statusCode()).isEqualTo(200);
    var p = assertProblem(server.editor("POST", STORIES + "/" + slug + "/publish", null), 409);
    assertThat(p.path("detail").asText()).contains("retracted");
  }

  @Test
  void retractingADraftOrARetractedStoryIsAConflict() {
    String draft = createStory(server, obj()).path("slug").asText();
    assertProblem(server.editor("POST", STORIES + "/" + draft + "/retract", null), 409);
    String pub = createStory(server, obj().put("status", "published")).path("slug").asText();
    assertThat(server.editor("POST", STORIES + "/" + pub + "/retract", null).statusCode()).isEqualTo(200);
    assertProblem(server.editor("POST", STORIES + "/" + pub + "/retract", null), 409);
  }
}
