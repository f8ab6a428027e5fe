package newsdesk.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import newsdesk.testing.Jwts;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator can refuse anonymous subscribers. */
class MercureAnonymousOffTest {
  @TempDir Path dir;

  @Test
  void withAnonymousOffOnlyTokenHoldersMaySubscribe() {
    try (var server = TestServer.start(dir, Map.of("mercure.subscriber-key", Jwts.SUBSCRIBER_KEY,
        "mercure.anonymous", "false"))) {
      try (var anonymous = MercureSupport.subscribe(server, null, null, "https://example.com/x")) {
        assertThat(anonymous.response().statusCode()).isEqualTo(401);
      }
      try (var holder = MercureSupport.subscribe(server, Jwts.subscriber(List.of()), null, "https://example.com/x")) {
        assertThat(holder.response().statusCode()).isEqualTo(200);
      }
    }
  }
}
