package newsdesk.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the JIT compiler threads to Linux's SCHED_IDLE policy, so compiling runs on time no
 * request wants: a just-woken compiler thread otherwise takes the core a publish was about to run
 * on, and even at nice 19 keeps it for its whole slice. Compiles still finish on idle CPU between
 * publishes. Not from the start: while a fresh server's hot paths are still compiling, idle
 * compilers under load leave them interpreted, so they move once compiling has settled. Needs
 * {@code chrt} (util-linux); anywhere else nothing changes. See
 * docs/decisions/0005-compiler-threads-sched-idle.md.
 */
final class CompilerThreads {
  private static final Logger log = LoggerFactory.getLogger(CompilerThreads.class);
  private static final Path TASKS = Path.of("/proc/self/task");
  /** Compiling has settled once a window this long has less than {@link #SETTLED_SHARE} of it spent compiling. */
  static final Duration WINDOW = Duration.ofSeconds(5);
  static final double SETTLED_SHARE = 0.02;
  /** However busy the JIT stays, its threads go to idle priority this long after start. */
  static final Duration AT_MOST = Duration.ofMinutes(5);

  private CompilerThreads() {}

  /** The thread ids of this JVM's compiler threads (empty where /proc is not Linux's). */
  static List<String> ids() {
    var ids = new ArrayList<String>();
    try (Stream<Path> tasks = Files.list(TASKS)) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String comm = read(task.resolve("comm"));
        // comm is cut at 15 characters: "C2 CompilerThread0" reads "C2 CompilerThre".
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
          ids.add(task.getFileName().toString());
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return ids;
  }

  /** Returns how many compiler threads now run at SCHED_IDLE; throws with the reason when none could. */
  static int runIdle() throws IOException {
    List<String> ids = ids();
    if (ids.isEmpty()) throw new IOException("no compiler threads found under " + TASKS);
    return IdlePriority.lower(ids);
  }

  /**
   * Lowers the compiler threads to SCHED_IDLE, on a daemon thread, once compiling has settled (or
   * after {@link #AT_MOST}); says at INFO when it cannot.
   */
  static Thread runIdleOnceSettled() {
    var jit = ManagementFactory.getCompilationMXBean();
    // A JVM that keeps no compile time reads as settled after the first window.
    LongSupplier compileMillis = jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit::getTotalCompilationTime : () -> 0L;
    return Thread.ofPlatform().name("jit-settle").daemon().start(() -> {
      try {
        Duration took = awaitSettled(compileMillis, WINDOW, SETTLED_SHARE, AT_MOST);
        int lowered = runIdle();
        log.info("JIT compilers settled {} s after start: their {} threads now run at idle priority",
            took.toSeconds(), lowered);
      } catch (IOException e) {
        log.info("JIT compiler threads keep their priority ({}); a compile may delay a request by a few ms", e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /**
   * Waits until a {@code window} passes in which the compilers' total time ({@code compileMillis})
   * grew by less than {@code share} of it, or {@code atMost} has passed; returns the time waited.
   */
  static Duration awaitSettled(LongSupplier compileMillis, Duration window, double share, Duration atMost)
      throws InterruptedException {
    long start = System.nanoTime();
    long limit = (long) (window.toMillis() * share);
    long before = compileMillis.getAsLong();
    while (System.nanoTime() - start < atMost.toNanos()) {
      Thread.sleep(window); // sampling the JIT's own clock once a window
      long now = compileMillis.getAsLong();
      if (now - before < limit) break;
      before = now;
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
