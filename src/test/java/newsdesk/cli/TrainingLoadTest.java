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

  /** The burst's publishes are each acknowledged and delivered, and a run after it counts only its own. */
  @Test
  void aBurstReachesItsReaderAndARunAfterItCountsOnlyItsOwn() throws Exception {
    try (var server = TestServer.start(dir, Map.of("mercure.publisher-key", KEY,
        "limits.publish-per-second", "100000", "limits.publish-burst", "100000"))) {
      long lastSeq = server.app().store().lastSeq();
      var load = new TrainingLoad(server.app().port(), KEY.getBytes(StandardCharsets.UTF_8));

      long[] burst = load.burst(300, 16);
      long[] run = load.run(5, 3);

      assertThat(burst).containsExactly(300, 300);
      assertThat(server.app().store().lastSeq()).as("every publish of the burst acknowledged as durable").isEqualTo(lastSeq + 300 + 3);
      assertThat(run).containsExactly((5 + 5 + 1) * 3, (5 + 5 + 1) * 3);
    }
  }
}
