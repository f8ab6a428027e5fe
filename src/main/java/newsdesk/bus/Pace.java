package newsdesk.bus;

import java.time.Duration;

/**
 * How a {@link Sequencer} waits and polls. {@code holeWait}: how long a missing event is left to the
 * bus before the log is read for it. {@code poll} and {@code pollWhileDown}: how often the store's
 * newest seq is checked while the bus is connected and while it is not (zero: never), so an event
 * whose node died between its commit and its bus publish still arrives.
 */
public record Pace(Duration holeWait, Duration poll, Duration pollWhileDown) {
  /** One process: every commit passes through this node's hub, so the tail needs no polling. */
  public static final Pace LOCAL = new Pace(Duration.ofMillis(100), Duration.ZERO, Duration.ZERO);
  /** Several nodes: another node may die between its commit and its publish. */
  public static final Pace CLUSTER = new Pace(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(200));

  boolean polls() {
    return !poll.isZero();
  }
}
