package newsdesk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Moves threads to Linux's SCHED_IDLE policy with {@code chrt} (util-linux): such a thread runs only on
 * CPU time nothing else wants, and gives way the moment anything else wakes (nice 19 would keep the
 * core for its whole slice). For the JIT compilers (decision 0005) and the self-warm (decision 0018).
 */
final class IdlePriority {
  private IdlePriority() {}

  /** The calling thread's id as Linux names it under /proc (a platform thread's; a virtual thread's carrier's). */
  static String currentThreadId() throws IOException {
    return Path.of("/proc/thread-self").toRealPath().getFileName().toString();
  }

  /** Returns how many of {@code ids} now run at SCHED_IDLE; throws with the reason when none could. */
  static int lower(List<String> ids) throws IOException {
    if (ids.isEmpty()) throw new IOException("no threads to lower");
    int moved = 0;
    String failure = null;
    for (String id : ids) {
      var chrt = new ProcessBuilder("chrt", "--idle", "--pid", "0", id).redirectErrorStream(true).start();
      try {
        String said = new String(chrt.getInputStream().readAllBytes()).strip();
        if (!chrt.waitFor(5, TimeUnit.SECONDS)) {
          chrt.destroyForcibly();
          failure = "chrt did not finish";
        } else if (chrt.exitValue() != 0) {
          failure = said.isEmpty() ? "chrt exited with " + chrt.exitValue() : said;
        } else {
          moved++;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    if (moved == 0) throw new IOException(failure);
    return moved;
  }

  /** Lowers the calling platform thread; false (and nothing changes) where that cannot be done. */
  static boolean lowerCurrentThread() {
    try {
      return lower(List.of(currentThreadId())) == 1;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
