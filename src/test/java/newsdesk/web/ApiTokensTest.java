package newsdesk.web;

import static newsdesk.web.ApiTestSupport.STORIES;
import static newsdesk.web.ApiTestSupport.assertProblem;
import static newsdesk.web.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Token management: an admin creates, lists and revokes; the secret is shown once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTokensTest {
  static final String TOKENS = "/api/v1/tokens";
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

  private JsonNode create(String body) {
    var r = server.send("POST", TOKENS, body, server.adminToken());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r);
  }

  @Test
  void createdTokenShowsItsSecretOnceAndWorks() {
    JsonNode t = create("{\"role\":\"editor\",\"name\":\"  Night desk  \"}");
    assertThat(t.path("token").asText()).startsWith("nd_");
    assertThat(t.path("name").asText()).isEqualTo("Night desk");
    assertThat(t.path("role").asText()).isEqualTo("editor");
    assertThat(t.path("revokedAt").isMissingNode()).isTrue();
    assertThat(server.send("POST", STORIES, "{\"headline\":\"By night\",\"section\":\"world\"}", t.path("token").asText())
        .statusCode()).isEqualTo(201);

    JsonNode list = json(server.send("GET", TOKENS, null, server.adminToken()));
    JsonNode listed = null;
    for (JsonNode n : list.path("items")) {
      assertThat(n.has("token")).as("a listing never shows a secret").isFalse();
      assertThat(n.has("tokenHash")).isFalse();
      if (n.path("id").asLong() == t.path("id").asLong()) listed = n;
    }
    assertThat(listed).isNotNull();
    assertThat(listed.path("name").asText()).isEqualTo("Night desk");
  }

  @Test
  void tokenWithoutANameIsNamedForItsRole() {
    assertThat(create("{\"role\":\"admin\"}").path("name").asText()).isEqualTo("admin");
  }

  @Test
  void adminTokenMayManageTokensAndEditorTokenMayNot() {
    String admin = create("{\"role\":\"admin\",\"name\":\"second admin\"}").path("token").asText();
    assertThat(server.send("GET", TOKENS, null, admin).statusCode()).isEqualTo(200);
    assertThat(server.send("POST", STORIES, "{\"headline\":\"Admin writes\",\"section\":\"world\"}", admin).statusCode())
        .isEqualTo(201);
    String editor = create("{\"role\":\"editor\"}").path("token").asText();
    assertProblem(server.send("GET", TOKENS, null, editor), 403);
  }

  @Test
  void revokedTokenGetsUnauthorizedAndIsListedAsRevoked() {
    JsonNode t = create("{\"role\":\"editor\",\"name\":\"temp\"}");
    long id = t.path("id").asLong();
    var del = server.send("DELETE", TOKENS + "/" + id, null, server.adminToken());
    assertThat(del.statusCode()).isEqualTo(204);
    assertThat(del.body()).isEmpty();
    assertProblem(server.send("GET", STORIES, null, t.path("token").asText()), 401);
    assertProblem(server.send("DELETE", TOKENS + "/" + id, null, server.adminToken()), 404);
    JsonNode listed = null;
    for (JsonNode n : json(server.send("GET", TOKENS, null, server.adminToken())).path("items")) {
      if (n.path("id").asLong() == id) listed = n;
    }
    assertThat(listed).isNotNull();
    assertThat(listed.path("revokedAt").isTextual()).isTrue();
  }
}
