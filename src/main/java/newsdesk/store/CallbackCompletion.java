package newsdesk.store;

import java.time.Instant;

/**
 * How one attempt at a callback delivery ended. {@code SENT}: a 2xx. {@code RETRY}: due again at
 * {@code nextAttemptAt}. {@code FAILED}: given up. {@code GONE}: the subscriber answered 410; its
 * subscription is deleted with all its deliveries.
 */
public record CallbackCompletion(long id, State state, int status, Instant nextAttemptAt, Instant at) {
  public enum State { SENT, RETRY, FAILED, GONE }
}
