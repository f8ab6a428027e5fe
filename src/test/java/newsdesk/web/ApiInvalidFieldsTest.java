package newsdesk.web;

import static newsdesk.web.ApiTestSupport.STORIES;
import static newsdesk.web.ApiTestSupport.assertProblem;
import static newsdesk.web.ApiTestSupport.createLive;
import static newsdesk.web.ApiTestSupport.createStory;
import static newsdesk.web.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A well-formed request with a field the rules refuse is a 422 problem naming that field. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiInvalidFieldsTest {
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

  private static ObjectNode valid() {
    return obj().put("headline", ApiTestSupport.uniqueHeadline("Valid")).put("section", "world");
  }

  private void assertCreateInvalid(ObjectNode body, String field) {
    var p = assertProblem(server.editor("POST", STORIES, body.toString()), 422, field);
    assertThat(p.path("title").asText()).isEqualTo("Invalid field");
    assertThat(p.path("detail").asText()).contains(field);
  }

  @Test
  void missingHeadlineIsInvalid() {
    var body = valid();
    body.remove("headline");
    assertCreateInvalid(body, "headline");
  }

  @Test
  void emptyOrBlankHeadlineIsInvalid() {
    assertCreateInvalid(valid().put("headline", ""), "headline");
    assertCreateInvalid(valid().put("headline", "   \t "), "headline");
  }

  @Test
  void overlongHeadlineIsInvalid() {
    assertCreateInvalid(valid().put("headline", "h".repeat(301)), "headline");
  }

  @Test
  void badOrMissingSectionIsInvalid() {
    assertCreateInvalid(valid().put("section", "World News"), "section");
    assertCreateInvalid(valid().put("section", "-world"), "section");
    assertCreateInvalid(valid().put("section", "s".repeat(41)), "section");
    var body = valid();
    body.remove("section");
    assertCreateInvalid(body, "section");
  }

  @Test
  void badSlugIsInvalid() {
    for (String slug : new String[] {"Has Spaces", "UPPER", "trailing-", "-leading", "double--hyphen", "ümlaut",
        "a/b", "", "a".repeat(81)}) {
      assertCreateInvalid(valid().put("slug", slug), "slug");
    }
  }

  @Test
  void fieldsOfTheWrongTypeAreInvalid() {
    Map<String, String> wrong = Map.of(
        "headline", "42", "summary", "{}", "body", "[\"x\"]", "section", "true", "slug", "1.5",
        "tags", "\"politics\"", "authors", "{\"a\":1}", "kind", "0", "status", "false");
    wrong.forEach((field, value) -> {
      var body = valid();
      body.set(field, ApiTestSupport.JSON.valueToTree(readTree(value)));
      assertCreateInvalid(body, field);
    });
    var tags = valid();
    tags.putArray("tags").add("ok").add(3);
    assertCreateInvalid(tags, "tags");
  }

  private static Object readTree(String value) {
    try {
      return ApiTestSupport.JSON.readTree(value);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void unknownFieldIsInvalid() {
    assertCreateInvalid(valid().put("byline", "someone"), "byline");
  }

  @Test
  void badKindIsInvalid() {
    assertCreateInvalid(valid().put("kind", "blog"), "kind");
  }

  @Test
  void badStatusIsInvalid() {
    assertCreateInvalid(valid().put("status", "retracted"), "status");
    assertCreateInvalid(valid().put("status", "live"), "status");
  }

  @Test
  void tooManyOrEmptyTagsAreInvalid() {
    var many = valid();
    var arr = many.putArray("tags");
    for (int i = 0; i < 31; i++) arr.add("tag" + i);
    assertCreateInvalid(many, "tags");
    var empty = valid();
    empty.putArray("tags").add(" ");
    assertCreateInvalid(empty, "tags");
  }

  @Test
  void badListParametersAreInvalid() {
    Map<String, String> bad = Map.of(
        "limit=abc", "limit", "limit=0", "limit", "limit=101", "limit", "limit=-5", "limit",
        "limit=99999999999999999999", "limit", "status=live", "status", "cursor=!!!", "cursor",
        "cursor=" + enc("aWQ6eHl6"), "cursor", "section=Not%20A%20Section", "section");
    bad.forEach((query, field) -> {
      var p = assertProblem(server.editor("GET", STORIES + "?" + query, null), 422, field);
      assertThat(p.path("detail").asText()).as(query).isNotBlank();
    });
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void patchWithStatusIsInvalid() {
    String slug = createStory(server, obj()).path("slug").asText();
    var p = assertProblem(server.editor("PATCH", STORIES + "/" + slug, "{\"status\":\"published\"}"), 422, "status");
    assertThat(p.path("detail").asText()).contains("/publish");
  }

  @Test
  void patchWithInvalidFieldsIsInvalid() {
    String slug = createStory(server, obj()).path("slug").asText();
    String path = STORIES + "/" + slug;
    assertProblem(server.editor("PATCH", path, "{\"headline\":\"\"}"), 422, "headline");
    assertProblem(server.editor("PATCH", path, "{\"section\":\"Bad Section\"}"), 422, "section");
    assertProblem(server.editor("PATCH", path, "{\"tags\":\"x\"}"), 422, "tags");
    assertProblem(server.editor("PATCH", path, "{\"slug\":\"new-slug\"}"), 422, "slug");
    assertProblem(server.editor("PATCH", path, "{\"kind\":\"live\"}"), 422, "kind");
    assertProblem(server.editor("PATCH", path, "{}"), 422);
  }

  @Test
  void badEntryFieldsAreInvalid() {
    String slug = createLive(server, true).path("slug").asText();
    String path = STORIES + "/" + slug + "/entries";
    assertProblem(server.editor("POST", path, "{}"), 422, "body");
    assertProblem(server.editor("POST", path, "{\"body\":\"  \"}"), 422, "body");
    assertProblem(server.editor("POST", path, "{\"body\":\"x\",\"pinned\":\"yes\"}"), 422, "pinned");
    assertProblem(server.editor("POST", path, "{\"body\":\"x\",\"keyEvent\":1}"), 422, "keyEvent");
    assertProblem(server.editor("POST", path, "{\"body\":\"x\",\"mood\":\"calm\"}"), 422, "mood");
    long id = ApiTestSupport.addEntry(server, slug, obj().put("body", "first")).path("id").asLong();
    assertProblem(server.editor("PATCH", path + "/" + id, "{}"), 422);
    assertProblem(server.editor("PATCH", path + "/" + id, "{\"author\":\"x\"}"), 422, "author");
    assertProblem(server.editor("PATCH", path + "/" + id, "{\"body\":\"\"}"), 422, "body");
  }

  @Test
  void badRetractionAndCorrectionFieldsAreInvalid() {
    String slug = createStory(server, obj().put("status", "published")).path("slug").asText();
    assertProblem(server.editor("POST", STORIES + "/" + slug + "/retract", "{\"reason\":7}"), 422, "reason");
    assertProblem(server.editor("POST", STORIES + "/" + slug + "/retract", "{\"why\":\"x\"}"), 422, "why");
    assertProblem(server.editor("POST", STORIES + "/" + slug + "/corrections", "{}"), 422, "text");
    assertProblem(server.editor("POST", STORIES + "/" + slug + "/corrections", "{\"text\":\"\"}"), 422, "text");
    assertProblem(server.editor("POST", STORIES + "/" + slug + "/corrections", "{\"text\":\"x\",\"by\":\"y\"}"), 422, "by");
  }

  @Test
  void badTokenFieldsAreInvalid() {
    String admin = server.adminToken();
    assertProblem(server.send("POST", "/api/v1/tokens", "{\"role\":\"owner\"}", admin), 422, "role");
    assertProblem(server.send("POST", "/api/v1/tokens", "{}", admin), 422, "role");
    assertProblem(server.send("POST", "/api/v1/tokens", "{\"role\":1}", admin), 422, "role");
    assertProblem(server.send("POST", "/api/v1/tokens", "{\"role\":\"editor\",\"name\":[]}", admin), 422, "name");
    assertProblem(server.send("POST", "/api/v1/tokens",
        "{\"role\":\"editor\",\"name\":\"" + "n".repeat(101) + "\"}", admin), 422, "name");
    assertProblem(server.send("POST", "/api/v1/tokens", "{\"role\":\"editor\",\"scope\":\"all\"}", admin), 422, "scope");
  }
}
