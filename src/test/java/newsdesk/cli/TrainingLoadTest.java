package newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AOT training run's load reaches every subscriber it opens, so the cache records the delivery paths. */
class TrainingLoadTest {
  private static final String KEY = "a publisher key of at least thirty-two bytes";

  @TempDir Path dir;

  @Test
  void everySubscriberOnEveryTransportGetsEveryMessage() throws Exception {
    try (var server = TestServer.start(dir, Map.of("mercure.publisher-key", KEY))) {
      long[] delivered = new TrainingLoad(server.app().port(), KEY.getBytes(StandardCharsets.UTF_8)).run(20, 5);
      assertThat(delivered[1]).isEqualTo((20 + 20 + 2) * 5);
      assertThat(delivered[0]).isEqualTo(delivered[1]);
    }
  }
}
