package newsdesk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves the JIT compiler threads to Linux's SCHED_IDLE policy, so compiling runs on time no
 * request wants: a just-woken compiler thread otherwise takes the core a publish was about to run
 * on, and even at nice 19 keeps it for its whole slice. Compiles still finish on idle CPU between
 * publishes. Needs {@code chrt} (util-linux); anywhere else nothing changes. See
 * docs/decisions/0005-compiler-threads-sched-idle.md.
 */
final class CompilerThreads {
  private static final Path TASKS = Path.of("/proc/self/task");

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

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
