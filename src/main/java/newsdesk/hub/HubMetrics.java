package newsdesk.hub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** What the hub counts: events published and delivered, and how long a publish takes to be durable. */
public final class HubMetrics {
  private final Counter published;
  private final Counter delivered;
  private final Timer publishLatency;

  public HubMetrics(MeterRegistry registry) {
    published = Counter.builder("newsdesk.events.published")
        .description("Events committed to the log and handed to the fan-out").register(registry);
    delivered = Counter.builder("newsdesk.events.delivered")
        .description("Event copies written to subscriber connections").register(registry);
    publishLatency = Timer.builder("newsdesk.publish.latency")
        .description("From a publish request's write to its durable commit")
        .publishPercentiles(0.5, 0.99)
        .publishPercentileHistogram()
        .register(registry);
  }

  void published(int count, Duration took) {
    published.increment(count);
    publishLatency.record(took);
  }

  void delivered(int count) {
    delivered.increment(count);
  }
}
