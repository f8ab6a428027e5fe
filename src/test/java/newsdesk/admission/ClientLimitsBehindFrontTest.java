package newsdesk.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-client connection limit behind a front: every connection comes from the front's address,
 * so the client is the one the front forwarded for, when (and only when) the front is trusted.
 */
class ClientLimitsBehindFrontTest {
  private static final String TOPIC = "https://example.com/stories/x";

  @TempDir Path dir;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private SseClient from(String forwardedFor) {
    String url = server.baseUrl() + "/events?topic=" + URLEncoder.encode(TOPIC, StandardCharsets.UTF_8);
    return SseClient.open(url, null, Map.of("X-Forwarded-For", forwardedFor));
  }

  @Test
  void behindATrustedFrontEachForwardedClientHasItsOwnLimit() {
    server = TestServer.start(dir, Map.of("limits.connections-per-client", "1", "limits.trusted-proxies", "127.0.0.1"));
    try (var a = from("203.0.113.7"); var b = from("203.0.113.8"); var aAgain = from("192.0.2.1, 203.0.113.7")) {
      assertThat(a.response().statusCode()).isEqualTo(200);
      assertThat(b.response().statusCode()).as("another reader behind the same front").isEqualTo(200);
      assertThat(aAgain.response().statusCode()).as("the first reader again, whatever it wrote in front").isEqualTo(429);
      assertThat(aAgain.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
  }

  @Test
  void fromAnUntrustedPeerTheHeaderChangesNothing() {
    server = TestServer.start(dir, Map.of("limits.connections-per-client", "1"));
    try (var a = from("203.0.113.7"); var b = from("203.0.113.8")) {
      assertThat(a.response().statusCode()).isEqualTo(200);
      assertThat(b.response().statusCode()).as("same peer, a made-up header").isEqualTo(429);
    }
  }
}
