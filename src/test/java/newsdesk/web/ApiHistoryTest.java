package newsdesk.web;

import static newsdesk.web.ApiTestSupport.assertProblem;
import static newsdesk.web.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import newsdesk.store.Role;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every saved version of a story is kept — who, what, when — and can be read and restored; a
 * restore is a new version, checked against If-Match and the caller's role like any change.
 */
class ApiHistoryTest {
  @TempDir Path dir;
  private TestServer server;
  private String desk;
  private String contributor;

  @BeforeEach
  void start() {
    server = TestServer.start(dir.resolve("data"));
    desk = server.app().tokens().create(Role.EDITOR, "Night desk").secret();
    contributor = server.app().tokens().create(Role.CONTRIBUTOR, "Stringer").secret();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everySaveIsAVersionWithWhoWhatAndWhenAndAnOldOneIsRestoredAsANewVersion() {
    String v = tag(send("POST", "/api/v1/stories", "{\"headline\":\"Dam holds\",\"section\":\"weather\",\"body\":\"Water rises.\"}",
        contributor, null));
    v = tag(send("PATCH", "/api/v1/stories/dam-holds", "{\"headline\":\"Dam holds, for now\"}", contributor, v));
    v = tag(send("PATCH", "/api/v1/stories/dam-holds", "{\"body\":\"Water rises.\\n\\nEngineers watch.\"}", desk, v));
    v = tag(send("POST", "/api/v1/stories/dam-holds/publish", null, desk, v));

    JsonNode items = json(send("GET", "/api/v1/stories/dam-holds/versions", null, contributor, null)).path("items");
    assertThat(field(items, "action")).containsExactly("published", "edited", "edited", "created");
    assertThat(field(items, "by")).containsExactly("API token Night desk", "API token Night desk", "API token Stringer",
        "API token Stringer");
    assertThat(items.get(0).path("version").asText()).as("the newest is the story's ETag").isEqualTo(v.replace("\"", ""));
    assertThat(items.get(1).path("changed").toString()).isEqualTo("[\"body\"]");
    assertThat(items.get(2).path("changed").toString()).isEqualTo("[\"headline\"]");
    assertThat(items.get(0).path("changed").toString()).isEqualTo("[\"status\"]");
    assertThat(items.get(3).path("at").asText()).endsWith("Z");

    String first = items.get(3).path("version").asText();
    JsonNode old = json(send("GET", "/api/v1/stories/dam-holds/versions/" + first, null, contributor, null));
    assertThat(old.path("headline").asText()).isEqualTo("Dam holds");
    assertThat(old.path("body").asText()).isEqualTo("Water rises.");
    assertThat(old.path("status").asText()).isEqualTo("draft");

    String restorePath = "/api/v1/stories/dam-holds/versions/" + first + "/restore";
    assertProblem(send("POST", restorePath, null, desk, "\"" + first + "\""), 412);
    assertProblem(send("POST", restorePath, null, contributor, v), 403);
    var restored = send("POST", restorePath, null, desk, v);
    assertThat(restored.statusCode()).isEqualTo(200);
    assertThat(json(restored).path("headline").asText()).isEqualTo("Dam holds");
    assertThat(json(restored).path("body").asText()).isEqualTo("Water rises.");
    assertThat(json(restored).path("status").asText()).as("a restore brings back content, not status").isEqualTo("published");
    assertThat(tag(restored)).isNotEqualTo(v);
    assertThat(server.send("GET", "/stories/dam-holds", null, null).body()).doesNotContain("Engineers watch.");

    JsonNode after = json(send("GET", "/api/v1/stories/dam-holds/versions", null, desk, null)).path("items");
    assertThat(after).hasSize(5);
    assertThat(after.get(0).path("action").asText()).isEqualTo("restored");
    assertThat(after.get(0).path("changed").toString()).isEqualTo("[\"headline\",\"body\"]");
  }

  @Test
  void versionsPageBackAndUnknownOnesAreNotFound() {
    String v = tag(send("POST", "/api/v1/stories", "{\"headline\":\"Paging\",\"section\":\"city\"}", desk, null));
    for (int i = 1; i <= 4; i++) v = tag(send("PATCH", "/api/v1/stories/paging", "{\"summary\":\"Take " + i + "\"}", desk, v));
    JsonNode page = json(send("GET", "/api/v1/stories/paging/versions?limit=3", null, desk, null));
    assertThat(page.path("items")).hasSize(3);
    String before = page.path("nextBefore").asText();
    JsonNode rest = json(send("GET", "/api/v1/stories/paging/versions?limit=3&before=" + before, null, desk, null));
    assertThat(field(rest.path("items"), "action")).containsExactly("edited", "created");
    assertThat(rest.path("nextBefore").isNull()).isTrue();

    assertProblem(send("GET", "/api/v1/stories/paging/versions/123", null, desk, null), 404);
    assertProblem(send("GET", "/api/v1/stories/paging/versions/not-a-number", null, desk, null), 404);
    assertProblem(send("GET", "/api/v1/stories/no-such/versions", null, desk, null), 404);
    assertProblem(send("GET", "/api/v1/stories/paging/versions?limit=0", null, desk, null), 422);
    assertProblem(send("GET", "/api/v1/stories/paging/versions?before=x", null, desk, null), 422);
  }

  @Test
  void schedulingAndItsUndoingAreVersionsToo() {
    String v = tag(send("POST", "/api/v1/stories", "{\"headline\":\"Budget day\",\"section\":\"politics\"}", desk, null));
    String at = java.time.Instant.now().plusSeconds(3600).toString();
    v = tag(send("POST", "/api/v1/stories/budget-day/schedule", "{\"at\":\"" + at + "\"}", desk, v));
    v = tag(send("DELETE", "/api/v1/stories/budget-day/schedule", null, desk, v));
    JsonNode items = json(send("GET", "/api/v1/stories/budget-day/versions", null, desk, null)).path("items");
    assertThat(field(items, "action")).containsExactly("unscheduled", "scheduled", "created");
    assertThat(field(items, "status")).containsExactly("draft", "scheduled", "draft");
    assertThat(field(items, "by")).containsOnly("API token Night desk");
    assertThat(items.get(0).path("version").asText()).isEqualTo(v.replace("\"", ""));
  }

  private static List<String> field(JsonNode items, String name) {
    var out = new ArrayList<String>();
    items.forEach(i -> out.add(i.path(name).asText()));
    return out;
  }

  private static String tag(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    return r.headers().firstValue("ETag").orElseThrow();
  }

  private HttpResponse<String> send(String method, String path, String body, String token, String ifMatch) {
    return ApiTestSupport.send(server, method, path, body, token, ifMatch);
  }
}
