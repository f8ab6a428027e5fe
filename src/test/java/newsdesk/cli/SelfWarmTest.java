package newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import newsdesk.testing.CapturedLogs;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-warm runs its load on a scratch server and leaves the real one, the log and the disk as they were. */
class SelfWarmTest {
  @TempDir Path dir;

  /** It runs only at idle priority (Linux's SCHED_IDLE through chrt), and is skipped elsewhere. */
  @BeforeEach
  void idlePriorityAvailable() {
    assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "Linux only");
    boolean chrt = false;
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) chrt |= Files.isExecutable(Path.of(d, "chrt"));
    assumeTrue(chrt, "needs chrt (util-linux)");
  }

  @Test
  void theLoadReachesEveryScratchSubscriberAndTouchesNothingReal() throws Exception {
    try (var server = TestServer.start(dir); var logs = CapturedLogs.start()) {
      long lastSeq = server.app().store().lastSeq();
      String metricsBefore = deliveredMetric(server);
      List<Path> scratchBefore = scratchDirs();

      long[] delivered = new SelfWarm(10, 20, () -> 0).start().await(Duration.ofSeconds(60));

      assertThat(delivered).as("the warm-up finished").isNotNull();
      assertThat(delivered[1]).isEqualTo((10 + 10 + 1) * 20);
      assertThat(delivered[0]).isEqualTo(delivered[1]);
      assertThat(server.app().store().lastSeq()).as("nothing written to the real log").isEqualTo(lastSeq);
      assertThat(deliveredMetric(server)).as("the real server delivered nothing").isEqualTo(metricsBefore);
      assertThat(scratchDirs()).as("the scratch directory is gone").isEqualTo(scratchBefore);
      // One line of its own; the scratch server's start and stop say nothing below ERROR.
      var lines = logs.events().stream().filter(e -> !e.getLevel().isGreaterOrEqual(Level.ERROR))
          .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
      assertThat(lines).hasSize(1).first().asString().startsWith("newsdesk.cli.SelfWarm: self-warm done in ")
          .endsWith("; heap collected");
      assertThat(logs.serverFaults()).isEmpty();
    }
  }

  /** A crowd that arrived during the warm-up is not held up by its closing full collection. */
  @Test
  void itLeavesTheHeapAloneWhenRealReadersHaveArrived() throws Exception {
    try (var logs = CapturedLogs.start()) {
      long[] delivered = new SelfWarm(10, 20, () -> SelfWarm.COLLECT_AT_MOST + 1).start().await(Duration.ofSeconds(60));

      assertThat(delivered).as("the warm-up finished").isNotNull();
      assertThat(logs.events()).map(e -> e.getFormattedMessage()).filteredOn(m -> m.startsWith("self-warm done in "))
          .singleElement().asString().endsWith("; heap not collected: " + (SelfWarm.COLLECT_AT_MOST + 1) + " real connections open");
    }
  }

  @Test
  void closingItMidWayStopsTheScratchServerAndRemovesItsDirectory() throws Exception {
    List<Path> scratchBefore = scratchDirs();
    var warm = new SelfWarm(10, 100_000, () -> 0).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (scratchDirs().size() == scratchBefore.size() && System.nanoTime() < deadline) Thread.onSpinWait();
    warm.close();
    assertThat(warm.await(Duration.ofSeconds(40))).as("stopped early, no result").isNull();
    assertThat(scratchDirs()).isEqualTo(scratchBefore);
  }

  private static String deliveredMetric(TestServer server) {
    return server.send("GET", "/metrics", null, null).body().lines()
        .filter(l -> l.startsWith("newsdesk_events_delivered")).toList().toString();
  }

  private static List<Path> scratchDirs() throws IOException {
    try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return tmp.filter(p -> p.getFileName().toString().startsWith("newsdesk-scratch")).sorted().toList();
    }
  }
}
