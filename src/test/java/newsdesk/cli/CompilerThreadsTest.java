package newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }
}
