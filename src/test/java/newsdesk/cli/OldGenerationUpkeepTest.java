package newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The old generation is collected when its garbage outgrows the budget, or once the server is quiet. */
class OldGenerationUpkeepTest {
  private static final long MB = 1L << 20;
  private static final long SECOND = 1_000_000_000L;

  /** Readings handed out in turn (the last one repeats), and how often the collector ran. */
  private final List<OldGenerationUpkeep.Reading> readings = new ArrayList<>();
  private final AtomicInteger collections = new AtomicInteger();
  private int next;
  private final OldGenerationUpkeep upkeep = new OldGenerationUpkeep(
      () -> readings.get(Math.min(next++, readings.size() - 1)), collections::incrementAndGet);

  private boolean tick(long atSeconds, long usedMb, long liveMb, long youngCollections) {
    readings.clear();
    next = 0;
    readings.add(new OldGenerationUpkeep.Reading(usedMb * MB, liveMb * MB, youngCollections));
    readings.add(new OldGenerationUpkeep.Reading(liveMb * MB, liveMb * MB, youngCollections)); // after a collection
    return upkeep.tick(atSeconds * SECOND);
  }

  @Test
  void theBudgetIsWhatWasLiveAndNeverUnder128Mb() {
    assertThat(OldGenerationUpkeep.budget(16 * MB)).isEqualTo(128 * MB);
    assertThat(OldGenerationUpkeep.budget(300 * MB)).isEqualTo(300 * MB);
  }

  @Test
  void aBusyServerIsCollectedOnlyOnceItsGarbageOutgrowsTheBudget() {
    assertThat(tick(0, 100, 20, 1)).isFalse(); // 80 MB of garbage
    assertThat(tick(5, 148, 20, 2)).isFalse(); // 128 MB: at the budget, not over it
    assertThat(tick(10, 149, 20, 3)).isTrue();
    assertThat(collections).hasValue(1);
    assertThat(tick(15, 500, 400, 4)).isFalse(); // much live data: the budget grows with it
    assertThat(tick(20, 801, 400, 5)).isTrue();
    assertThat(collections).hasValue(2);
  }

  @Test
  void aQuietServerGivesBackTheGarbageOfABurst() {
    assertThat(tick(0, 80, 20, 7)).isFalse(); // young collections seen now
    assertThat(tick(59, 80, 20, 7)).isFalse(); // not quiet for a minute yet
    assertThat(tick(60, 80, 20, 7)).isTrue();
    assertThat(tick(200, 30, 20, 7)).isFalse(); // 10 MB of garbage: not worth a pause
    assertThat(collections).hasValue(1);
  }

  @Test
  void aYoungCollectionStartsTheQuietMinuteAgain() {
    assertThat(tick(0, 80, 20, 1)).isFalse();
    assertThat(tick(50, 80, 20, 2)).isFalse();
    assertThat(tick(100, 80, 20, 2)).isFalse(); // 50 s since the last young collection
    assertThat(tick(110, 80, 20, 2)).isTrue();
  }

  @Test
  void nothingIsDoneUnderACollectorOtherThanTheSerialOne() {
    boolean serial = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .anyMatch(c -> c.getName().equals("Copy"));
    assertThat(OldGenerationUpkeep.underSerialCollector() != null).isEqualTo(serial);
  }

  /** The real reading, in a JVM of its own on the serial collector: promoted garbage is found and collected. */
  @Test
  void underTheSerialCollectorPromotedGarbageIsCollected() throws Exception {
    assertThat(runAlone(PromotesGarbage.class, "-XX:+UseSerialGC", "-Xmx512m", "-XX:MaxTenuringThreshold=0"))
        .contains("collected true");
  }

  @Test
  void itStartsUnderTheSerialCollectorUnlessExplicitCollectionsAreOff() throws Exception {
    assertThat(runAlone(ReportsStart.class, "-XX:+UseSerialGC")).contains("started true");
    assertThat(runAlone(ReportsStart.class, "-XX:+UseSerialGC", "-XX:+DisableExplicitGC")).contains("started false");
    assertThat(runAlone(ReportsStart.class, "-XX:+UseG1GC")).contains("started false");
  }

  private static String runAlone(Class<?> main, String... jvmOptions) throws Exception {
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    var child = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(out).isZero();
    return out;
  }

  /** Says whether the upkeep started in this JVM. */
  static final class ReportsStart {
    public static void main(String[] args) {
      var upkeep = OldGenerationUpkeep.startUnderSerialCollector();
      System.out.println("started " + (upkeep != null));
      if (upkeep != null) upkeep.close();
    }
  }

  /** Fills the old generation with 200 MB that then dies, and asks the upkeep what it makes of it. */
  static final class PromotesGarbage {
    public static void main(String[] args) {
      var upkeep = OldGenerationUpkeep.underSerialCollector();
      if (upkeep == null) throw new AssertionError("no serial collector found");
      System.gc(); // what is live now is the baseline
      var held = new ArrayList<byte[]>();
      for (int i = 0; i < 200; i++) held.add(new byte[1 << 20]);
      long churn = 0;
      for (int i = 0; i < 100_000; i++) churn += new byte[10_000].length; // young collections promote what is held
      held.clear();
      System.out.println("churned " + churn + " collected " + upkeep.tick(System.nanoTime()));
    }
  }
}
