package newsdesk.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class after which Netty's leak detector reports a buffer that was collected without
 * being released. Registered for every class (META-INF/services, autodetection on in
 * junit-platform.properties); the suite runs with {@code -Dio.netty.leakDetection.level=paranoid}
 * (pom.xml), so every buffer is tracked. A leak is only seen once the buffer is collected, so it
 * may be reported after a later class than the one that leaked it: the report's records say where.
 */
public final class LeakDetection implements AfterAllCallback {
  private static final List<String> REPORTED = new ArrayList<>();
  /** Collections forced before a class is passed: enough for an unreachable buffer to be found. */
  private static final int ROUNDS = 2;

  static {
    ByteBufUtil.setLeakListener((type, records) -> {
      synchronized (REPORTED) {
        REPORTED.add(type + " leaked" + (records.isEmpty() ? "" : ":\n" + records));
      }
    });
  }

  @Override
  public void afterAll(ExtensionContext context) {
    List<String> leaks = collect(ROUNDS);
    if (!leaks.isEmpty()) {
      throw new AssertionError("Netty reported " + leaks.size() + " leaked buffer(s) by the end of "
          + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
    }
  }

  /**
   * Forces {@code rounds} collections, letting the detector look at what they found after each,
   * and returns (and forgets) every leak reported so far.
   */
  public static List<String> collect(int rounds) {
    for (int i = 0; i < rounds; i++) {
      System.gc();
      // The detector looks for collected buffers when it tracks a new one.
      ByteBufAllocator.DEFAULT.buffer(1).release();
      Unpooled.buffer(1).release();
      Unpooled.directBuffer(1).release();
    }
    synchronized (REPORTED) {
      var leaks = List.copyOf(REPORTED);
      REPORTED.clear();
      return leaks;
    }
  }
}
