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
 * A contributor submits a draft for review ({@code in_review}); readers do not see it; an editor
 * finds it by that status and publishes it. Only a draft goes to review.
 */
class ApiReviewTest {
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
  void aContributorSubmitsADraftForReviewAndAnEditorPublishesIt() {
    String contributor = server.contributorToken();
    var draft = send("POST", "/api/v1/stories", "{\"headline\":\"Ferry strike\",\"section\":\"city\"}", contributor, null);
    assertThat(draft.statusCode()).isEqualTo(201);
    String v1 = draft.headers().firstValue("ETag").orElseThrow();

    var submitted = send("POST", "/api/v1/stories/ferry-strike/submit", null, contributor, v1);
    assertThat(submitted.statusCode()).isEqualTo(200);
    assertThat(json(submitted).path("status").asText()).isEqualTo("in_review");
    String v2 = submitted.headers().firstValue("ETag").orElseThrow();
    assertThat(v2).isNotEqualTo(v1);
    assertProblem(send("POST", "/api/v1/stories/ferry-strike/submit", null, contributor, v1), 412);
    assertThat(send("POST", "/api/v1/stories/ferry-strike/submit", null, contributor, null).statusCode())
        .as("already in review: answered as it is").isEqualTo(200);

    assertThat(server.send("GET", "/stories/ferry-strike", null, null).statusCode()).as("readers").isEqualTo(404);
    var inReview = json(server.editor("GET", "/api/v1/stories?status=in_review", null)).path("items");
    assertThat(inReview).hasSize(1);
    assertThat(inReview.get(0).path("slug").asText()).isEqualTo("ferry-strike");
    assertThat(json(server.editor("GET", "/api/v1/stories?status=draft", null)).path("items")).isEmpty();

    // The writer may still polish it while it waits; only an editor publishes it.
    assertThat(send("PATCH", "/api/v1/stories/ferry-strike", "{\"summary\":\"No boats today.\"}", contributor, v2)
        .statusCode()).isEqualTo(200);
    assertProblem(send("POST", "/api/v1/stories/ferry-strike/publish", null, contributor, null), 403);
    var published = server.editor("POST", "/api/v1/stories/ferry-strike/publish", null);
    assertThat(json(published).path("status").asText()).isEqualTo("published");
    assertThat(server.send("GET", "/stories/ferry-strike", null, null).statusCode()).isEqualTo(200);

    assertProblem(send("POST", "/api/v1/stories/ferry-strike/submit", null, contributor, null), 409);
    assertProblem(send("PATCH", "/api/v1/stories/ferry-strike", "{\"summary\":\"Too late.\"}", contributor, null), 403);
  }

  @Test
  void statusesAreNamedOnTheWireAndAStoryCannotBeCreatedInReview() {
    assertProblem(server.editor("GET", "/api/v1/stories?status=in-review", null), 422);
    assertProblem(server.editor("POST", "/api/v1/stories",
        "{\"headline\":\"Skips the queue\",\"section\":\"city\",\"status\":\"in_review\"}"), 422);
    assertProblem(server.editor("POST", "/api/v1/stories/no-such-story/submit", null), 404);
  }

  private HttpResponse<String> send(String method, String path, String body, String token, String ifMatch) {
    return ApiTestSupport.send(server, method, path, body, token, ifMatch);
  }
}
