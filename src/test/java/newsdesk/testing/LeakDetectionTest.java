package newsdesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's leak check can fail: a buffer dropped unreleased here is reported and caught. */
class LeakDetectionTest {
  @Test
  void theSuiteTracksEveryBuffer() {
    assertThat(ResourceLeakDetector.getLevel()).as("-Dio.netty.leakDetection.level=paranoid in surefire's argLine")
        .isEqualTo(ResourceLeakDetector.Level.PARANOID);
  }

  @Test
  void aBufferCollectedUnreleasedIsReportedWithWhereItWasAllocated() {
    LeakDetection.collect(1); // whatever earlier classes left is theirs, not this test's
    leakOneBuffer();
    List<String> leaks = new ArrayList<>();
    Await.until(() -> {
      leaks.addAll(LeakDetection.collect(1));
      return !leaks.isEmpty();
    }, Duration.ofSeconds(20), "Netty reports the dropped buffer");
    assertThat(String.join("\n", leaks)).contains("ByteBuf").contains("leakOneBuffer");
  }

  private static void leakOneBuffer() {
    ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(64);
    leaked.writeLong(42); // touched after allocation, so the report carries a record of it
    // not released: unreachable once this method returns
  }
}
