package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsdesk.testing.MercurePublisher;
import newsdesk.testing.NodeProcess;
import newsdesk.testing.SqliteFile;
import newsdesk.testing.SqliteFile.LoggedEvent;
import newsdesk.testing.SseClient;
import newsdesk.testing.SteadyPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server (its own process, on SQLite) killed with SIGKILL at random moments under a steady
 * publish load, again and again: mid-publish, or about a second after the load pauses, when the
 * background WAL checkpoint runs. After each restart every acknowledged publish is in the log, the
 * log holds each publish at most once and in the order it was sent, and SQLite finds the file
 * sound. The moments come from a seeded random: the seed is printed, and
 * {@code -Dnewsdesk.kill.seed=N} replays a run ({@code -Dnewsdesk.kill.rounds=N} for more rounds).
 */
class KilledUnderLoadTest {
  private static final Duration GAP = Duration.ofMillis(10);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int ROUNDS = Integer.getInteger("newsdesk.kill.rounds", 12);
  /** Rounds stop early past this, so a slow machine makes the test shorter, not hang. */
  private static final Duration BUDGET = Duration.ofMinutes(Long.getLong("newsdesk.kill.budget-minutes", 4));
  private static final int MIN_ROUNDS = 3;
  private static final Pattern DATA = Pattern.compile("round (\\d+) update (\\d+)");

  @TempDir Path dir;
  private NodeProcess node;
  private final List<SteadyPublisher> publishers = new ArrayList<>(); // one a round, in order

  @AfterEach
  void stop() {
    publishers.forEach(SteadyPublisher::close);
    if (node != null) node.kill();
  }

  @Test
  void killedAtRandomMomentsUnderLoadItKeepsEveryAcknowledgedPublishOnceInOrder() {
    long seed = Long.getLong("newsdesk.kill.seed", System.nanoTime());
    System.out.println("KilledUnderLoadTest: seed " + seed + " (replay with -Dnewsdesk.kill.seed=" + seed + ")");
    var random = new Random(seed);
    String topic = "https://news.test/live/killed";
    var store = SqliteFile.in(dir);

    var flags = new ArrayList<>(MercurePublisher.NODE_FLAGS);
    flags.add("--no-sample-content");
    node = NodeProcess.start(dir, null, flags);

    long deadline = System.nanoTime() + BUDGET.toNanos();
    int rounds = 0;
    while (rounds < ROUNDS && (rounds < MIN_ROUNDS || System.nanoTime() < deadline)) {
      rounds++;
      var publisher = SteadyPublisher.start(List.of(node), topic, GAP, "round " + rounds + " ");
      publishers.add(publisher);
      int acks = 1 + random.nextInt(60);
      // A third of the rounds pause the load first: the checkpointer runs once commits stop for 1 s.
      boolean paused = random.nextInt(3) == 0;
      long extraMicros = paused ? 800_000 + random.nextInt(800_000) : random.nextInt(20_000);
      publisher.awaitMoreAcknowledged(acks, WAIT);
      if (paused) publisher.stop();
      // When the kill lands (not a wait for anything): before, during or after a commit or a checkpoint.
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(extraMicros));
      node.kill();
      publisher.stop();
      System.out.printf("round %d: killed after %d acknowledgements + %d µs%s%n",
          rounds, acks, extraMicros, paused ? " of quiet" : " under load");
      node.restart();

      assertLogKeepsEachPublishOnceInOrder(store.events(topic), acknowledged(), "round " + rounds);
      assertThat(store.integrityCheck()).as("round %d: PRAGMA integrity_check", rounds).containsExactly("ok");
    }
    var last = SteadyPublisher.start(List.of(node), topic, GAP, "round " + (rounds + 1) + " ");
    publishers.add(last);
    last.awaitMoreAcknowledged(10, WAIT);
    last.stop();
    System.out.printf("KilledUnderLoadTest: %d rounds, %d publishes acknowledged (seed %d)%n",
        rounds, acknowledged().size(), seed);

    List<LoggedEvent> log = store.events(topic);
    assertLogKeepsEachPublishOnceInOrder(log, acknowledged(), "at the end");
    assertThat(rounds).isGreaterThanOrEqualTo(MIN_ROUNDS);
    assertAReaderFromTheStartGets(log, topic);
  }

  /** Every round's acknowledged ids, rounds in order. */
  private List<String> acknowledged() {
    return publishers.stream().flatMap(p -> p.acknowledged().stream()).toList();
  }

  /**
   * Every acknowledged id is in the log, and the log's publishes ("round r update n", n counting
   * every attempt of round r) strictly increase: none twice, none out of order. Publishes that got
   * no answer may or may not be there.
   */
  private static void assertLogKeepsEachPublishOnceInOrder(List<LoggedEvent> log, List<String> acknowledged, String when) {
    List<String> ids = log.stream().map(LoggedEvent::id).toList();
    assertThat(ids).as("%s: every acknowledged publish is in the log", when).containsAll(acknowledged);
    assertThat(new HashSet<>(ids)).as("%s: no id twice", when).hasSize(ids.size());
    long previous = 0;
    for (LoggedEvent e : log) {
      Matcher m = DATA.matcher(e.data());
      assertThat(m.matches()).as("%s: a publish of this test: %s", when, e.data()).isTrue();
      long position = Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2));
      assertThat(position).as("%s: %s comes after the publish before it, once", when, e.data()).isGreaterThan(previous);
      previous = position;
    }
    assertThat(ids.stream().filter(new HashSet<>(acknowledged)::contains).toList())
        .as("%s: acknowledged publishes in the order they were acknowledged", when).containsExactlyElementsOf(acknowledged);
  }

  /** A reader resuming from before the first event (Last-Event-ID 0) gets the whole log, in order. */
  private void assertAReaderFromTheStartGets(List<LoggedEvent> log, String topic) {
    try (var reader = SseClient.connect(node.baseUrl(), "0", topic)) {
      var got = new ArrayList<LoggedEvent>();
      while (got.size() < log.size()) {
        var m = reader.next(WAIT);
        got.add(new LoggedEvent(m.id(), m.data()));
      }
      assertThat(got).as("the replay from Last-Event-ID 0").containsExactlyElementsOf(log);
    }
  }
}
