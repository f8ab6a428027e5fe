package newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class CompilerThreadsTest {
  private static final int SCHED_IDLE = 5;

  /** The scheduling policy of one of this JVM's threads: field 41 of its /proc stat line. */
  private static int policyOf(String threadId) throws Exception {
    String stat = Files.readString(Path.of("/proc/self/task", threadId, "stat"));
    // The name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
    return Integer.parseInt(after[41 - 3]);
  }

  @Test
  void movesEveryCompilerThreadToIdlePriority() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
    assumeTrue(onPath("chrt"), "needs chrt (util-linux)");
    List<String> ids = CompilerThreads.ids();
    assertThat(ids).as("this JVM's compiler threads").isNotEmpty();
    try {
      assertThat(CompilerThreads.runIdle()).isEqualTo(ids.size());
      for (String id : ids) assertThat(policyOf(id)).isEqualTo(SCHED_IDLE);
    } finally {
      // The rest of the test run compiles at its usual priority.
      for (String id : ids) new ProcessBuilder("chrt", "--other", "--pid", "0", id).start().waitFor();
    }
    for (String id : ids) assertThat(policyOf(id)).isZero();
  }

  @Test
  void compilingHasSettledAtTheFirstWindowWithLittleCompileTimeInIt() throws Exception {
    var windows = new AtomicInteger();
    // The JIT's clock: 40 ms of compiling in each of the first three 50 ms windows, then 0.5 ms a window.
    LongSupplier compileMillis = () -> {
      int w = windows.getAndIncrement();
      return w <= 3 ? 40L * w : 120 + (w - 3) / 2;
    };
    Duration took = CompilerThreads.awaitSettled(compileMillis, Duration.ofMillis(50), 0.1, Duration.ofMinutes(1));
    assertThat(windows.get()).as("samples: one at the start, one a window until the fourth is quiet").isEqualTo(5);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(200)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aJitThatNeverSettlesIsLoweredAfterAtMost() throws Exception {
    var millis = new AtomicLong();
    Duration took = CompilerThreads.awaitSettled(() -> millis.addAndGet(50), Duration.ofMillis(50), 0.1,
        Duration.ofMillis(300));
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(30));
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }
}
