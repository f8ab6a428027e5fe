package newsdesk.web;

import static newsdesk.web.ApiTestSupport.assertProblem;
import static newsdesk.web.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every story answer carries its version as an ETag; a change sent with If-Match on an older one
 * is refused with 412 and changes nothing. A contributor writes drafts only.
 */
class ApiVersionsTest {
  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aChangeBasedOnAnOlderVersionIsRefusedWith412AndChangesNothing() {
    var created = server.editor("POST", "/api/v1/stories", "{\"headline\":\"Versions\",\"section\":\"city\"}");
    String v1 = created.headers().firstValue("ETag").orElseThrow();
    assertThat(v1).matches("\"\\d+\"");
    assertThat(server.editor("GET", "/api/v1/stories/versions", null).headers().firstValue("ETag")).hasValue(v1);

    var first = patch("versions", "{\"headline\":\"Versions, first editor\"}", v1);
    assertThat(first.statusCode()).isEqualTo(200);
    String v2 = first.headers().firstValue("ETag").orElseThrow();
    assertThat(v2).isNotEqualTo(v1);

    var second = patch("versions", "{\"headline\":\"Versions, second editor\"}", v1);
    var problem = assertProblem(second, 412);
    assertThat(problem.path("type").asText()).isEqualTo("/problems/precondition-failed");
    assertThat(problem.path("detail").asText()).contains(v2.replace("\"", ""));
    assertThat(json(server.editor("GET", "/api/v1/stories/versions", null)).path("headline").asText())
        .isEqualTo("Versions, first editor");

    var stalePublish = send("POST", "/api/v1/stories/versions/publish", null, server.editorToken(), v1);
    assertProblem(stalePublish, 412);
    assertThat(json(server.editor("GET", "/api/v1/stories/versions", null)).path("status").asText()).isEqualTo("draft");
    var publish = send("POST", "/api/v1/stories/versions/publish", null, server.editorToken(), v2);
    assertThat(publish.statusCode()).isEqualTo(200);

    // Without If-Match, or with *, a change applies to whatever is newest, as before.
    assertThat(patch("versions", "{\"summary\":\"No precondition\"}", null).statusCode()).isEqualTo(200);
    assertThat(patch("versions", "{\"summary\":\"Any version\"}", "*").statusCode()).isEqualTo(200);
    assertProblem(patch("versions", "{\"summary\":\"Weak\"}", "W/" + v2), 400);
    assertProblem(patch("versions", "{\"summary\":\"Unquoted\"}", "12345"), 400);
  }

  @Test
  void aContributorWritesDraftsButCannotPublishOrChangeWhatIsPublished() {
    String contributor = server.contributorToken();
    var draft = send("POST", "/api/v1/stories", "{\"headline\":\"From a stringer\",\"section\":\"city\"}", contributor, null);
    assertThat(draft.statusCode()).isEqualTo(201);
    assertThat(send("PATCH", "/api/v1/stories/from-a-stringer", "{\"summary\":\"Filed late\"}", contributor,
        draft.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/stories/from-a-stringer", null, contributor, null).statusCode()).isEqualTo(200);

    assertProblem(send("POST", "/api/v1/stories", "{\"headline\":\"Straight out\",\"section\":\"city\",\"status\":\"published\"}",
        contributor, null), 403);
    assertThat(server.editor("GET", "/api/v1/stories/straight-out", null).statusCode()).isEqualTo(404);
    assertProblem(send("POST", "/api/v1/stories/from-a-stringer/publish", null, contributor, null), 403);

    assertThat(server.editor("POST", "/api/v1/stories/from-a-stringer/publish", null).statusCode()).isEqualTo(200);
    assertProblem(send("PATCH", "/api/v1/stories/from-a-stringer", "{\"summary\":\"After publication\"}", contributor,
        null), 403);
    assertThat(json(server.editor("GET", "/api/v1/stories/from-a-stringer", null)).path("summary").asText())
        .isEqualTo("Filed late");
    assertProblem(send("POST", "/api/v1/tokens", "{\"role\":\"editor\"}", contributor, null), 403);
  }

  private HttpResponse<String> patch(String slug, String body, String ifMatch) {
    return send("PATCH", "/api/v1/stories/" + slug, body, server.editorToken(), ifMatch);
  }

  private HttpResponse<String> send(String method, String path, String body, String token, String ifMatch) {
    return ApiTestSupport.send(server, method, path, body, token, ifMatch);
  }
}
