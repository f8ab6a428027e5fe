package newsdesk.content;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** How late this node publishes scheduled stories, measured from each story's time to its commit. */
public final class ScheduleMetrics {
  private final Timer lateness;

  public ScheduleMetrics(MeterRegistry registry) {
    lateness = Timer.builder("newsdesk.scheduled.lateness")
        .description("From a scheduled story's time to the commit of its publication, on the node that published it")
        .publishPercentiles(0.5, 0.99)
        .publishPercentileHistogram()
        .register(registry);
  }

  void published(Duration late) {
    lateness.record(late.isNegative() ? Duration.ZERO : late);
  }
}
