package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import newsdesk.testing.Await;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator scrapes and probes. */
class OperatorEndpointsTest {
  @TempDir Path dir;

  @Test
  void healthzAnswersOk() {
    try (var server = TestServer.start(dir)) {
      var res = server.send("GET", "/healthz", null, null);
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).contains("\"status\":\"ok\"");
    }
  }

  @Test
  void metricsCountConnectionsEventsDeliveriesAndPublishLatency() {
    try (var server = TestServer.start(dir)) {
      server.editor("POST", "/api/v1/stories",
          "{\"slug\":\"m\",\"headline\":\"M\",\"section\":\"news\",\"kind\":\"live\",\"status\":\"published\"}");
      try (var client = SseClient.connect(server.baseUrl(), null, server.storyUrl("m"))) {
        Await.until(() -> server.app().sse().openConnections() == 1, Duration.ofSeconds(10), "connected");
        server.editor("POST", "/api/v1/stories/m/entries", "{\"body\":\"hello\"}");
        client.next(Duration.ofSeconds(10));
        var res = server.send("GET", "/metrics", null, null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String m = res.body();
        assertThat(m).containsPattern("newsdesk_connections_open\\{transport=\"sse\"} 1(\\.0)?\\n");
        assertThat(m).containsPattern("newsdesk_events_published_total 2(\\.0)?\\n");
        assertThat(m).containsPattern("newsdesk_events_delivered_total 1(\\.0)?\\n");
        assertThat(m).containsPattern("newsdesk_publish_latency_seconds_count 2\\n");
      }
    }
  }
}
