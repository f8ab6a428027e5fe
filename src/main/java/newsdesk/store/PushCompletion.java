package newsdesk.store;

import java.time.Instant;

/**
 * How one attempt at a delivery ended. {@code SENT}: the push service took it. {@code RETRY}: due
 * again at {@code nextAttemptAt}. {@code FAILED}: given up. {@code GONE}: the subscription has
 * expired; it is deleted with all its deliveries.
 */
public record PushCompletion(long alertId, long subscriptionId, State state, int status, Instant nextAttemptAt,
    Instant at) {
  public enum State { SENT, RETRY, FAILED, GONE }
}
