package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import newsdesk.store.Role;
import newsdesk.testing.NodeProcess;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged publish survives the server being killed (SIGKILL, no shutdown hook): after a
 * restart the story is there and its event can be replayed.
 */
class CrashDurabilityTest {
  @TempDir Path dir;
  private NodeProcess node;

  @AfterEach
  void kill() {
    if (node != null) node.kill();
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return TestServer.http().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void anAcknowledgedPublishSurvivesAKill() throws Exception {
    node = NodeProcess.start(dir, null, List.of("--no-sample-content"));
    // a second process on the same file: the CLI
    String token = node.createToken(Role.EDITOR);

    var publish = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/stories"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"slug\":\"survives\",\"headline\":\"It survives\",\"section\":\"news\",\"status\":\"published\"}"))
        .build();
    var res = send(publish);
    assertThat(res).isNotNull();
    assertThat(res.statusCode()).isEqualTo(201);

    node.kill(); // SIGKILL right after the acknowledgement
    assertThat(node.isAlive()).isFalse();

    node.restart();
    var get = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/stories/survives"))
        .header("Authorization", "Bearer " + token).build();
    var after = send(get);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("\"headline\":\"It survives\"").contains("\"status\":\"published\"");

    String base = node.baseUrl();
    try (var events = SseClient.connect(base, "0", base + "/stories/survives")) {
      var m = events.next(Duration.ofSeconds(10));
      assertThat(m.event()).isEqualTo("story.published");
      assertThat(m.id()).isEqualTo("1");
      assertThat(m.data()).contains("\"slug\":\"survives\"");
    }
  }
}
