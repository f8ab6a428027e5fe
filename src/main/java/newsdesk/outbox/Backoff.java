package newsdesk.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter, half fixed and half random, so that receivers that were down
 * for everyone are not hit by every retry in the same second.
 */
public final class Backoff {
  private Backoff() {}

  /** base · 2^(attempts−1), capped at {@code max}, then between half of that and all of it. */
  public static Duration jittered(Duration base, Duration max, int attempts) {
    long ms = base.toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
    if (ms <= 0 || ms > max.toMillis()) ms = max.toMillis();
    long half = ms / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ms - half + 1));
  }
}
