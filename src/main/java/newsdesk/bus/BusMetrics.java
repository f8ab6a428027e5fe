package newsdesk.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the bus counts: publishes the carrier refused (each retried), publishes given up, events
 * taken from the log because the bus did not bring them in time, and whether the bus is connected.
 */
public final class BusMetrics {
  private final Counter publishFailures;
  private final Counter publishDropped;
  private final Counter filledFromLog;
  private final AtomicInteger connected = new AtomicInteger(1);

  public BusMetrics(MeterRegistry registry) {
    publishFailures = Counter.builder("newsdesk.bus.publish.failures")
        .description("Attempts to append to the bus (a batch of XADDs, or the connection for it) that failed; each is retried").register(registry);
    publishDropped = Counter.builder("newsdesk.bus.publish.dropped")
        .description("Bus publishes given up because too many waited; other nodes read those events from the log")
        .register(registry);
    filledFromLog = Counter.builder("newsdesk.bus.filled.from.log")
        .description("Events delivered from the store's log because the bus had not brought them").register(registry);
    Gauge.builder("newsdesk.bus.connected", connected, AtomicInteger::get)
        .description("1 while the bus is connected, 0 while it is not (events then come from the log)")
        .register(registry);
  }

  /** Metrics nobody reads: for a bus whose numbers are not exported. */
  public static BusMetrics unexported() {
    return new BusMetrics(new SimpleMeterRegistry());
  }

  void publishFailed() {
    publishFailures.increment();
  }

  void publishDropped(int count) {
    publishDropped.increment(count);
  }

  void filledFromLog() {
    filledFromLog.increment();
  }

  void connected(boolean up) {
    connected.set(up ? 1 : 0);
  }

  public double publishFailures() {
    return publishFailures.count();
  }

  public boolean isConnected() {
    return connected.get() == 1;
  }

  public double filledFromLogCount() {
    return filledFromLog.count();
  }
}
