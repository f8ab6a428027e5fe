package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import newsdesk.testing.Await;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A schedule is durable: a time that passed while the server was down is published when it starts. */
class ScheduledPublishRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aTimeThatPassedWhileTheServerWasStoppedIsPublishedAtStartUp() throws Exception {
    Instant at;
    try (var server = TestServer.start(dir)) {
      assertThat(server.editor("POST", "/api/v1/stories", "{\"slug\":\"overnight\",\"headline\":\"Overnight\","
          + "\"section\":\"city\"}").statusCode()).isEqualTo(201);
      at = Instant.now().plusSeconds(2);
      var r = server.editor("POST", "/api/v1/stories/overnight/schedule", "{\"at\":\"" + at + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    } // stopped before the time
    Instant due = at;
    Await.until(() -> Instant.now().isAfter(due.plusMillis(500)), Duration.ofSeconds(30), "the time has passed");

    Instant started = Instant.now();
    try (var server = TestServer.start(dir)) {
      Instant ready = Instant.now();
      Await.until(() -> status(server).path("status").asText().equals("published"), Duration.ofSeconds(30),
          "the story is published after the restart");
      JsonNode s = status(server);
      Instant publishedAt = Instant.parse(s.path("publishedAt").asText());
      assertThat(publishedAt).as("published by the restarted server, as it starts").isAfter(started)
          .isBefore(ready.plusSeconds(2));
      assertThat(server.send("GET", "/stories/overnight", null, null).statusCode()).isEqualTo(200);
      assertThat(server.app().store().eventsAfter(0, 100).stream().filter(e -> e.type().equals("story.published")))
          .hasSize(1);
    }
  }

  private static JsonNode status(TestServer server) {
    try {
      return JSON.readTree(server.editor("GET", "/api/v1/stories/overnight", null).body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
