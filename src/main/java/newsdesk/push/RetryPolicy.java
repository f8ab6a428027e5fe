package newsdesk.push;

import java.time.Duration;
import java.time.Instant;
import newsdesk.outbox.Backoff;
import newsdesk.store.PushCompletion.State;

/**
 * What to do after an attempt: done, forget the subscription, give up, or try again when. 5xx and
 * network errors back off exponentially with jitter (half fixed, half random, so a push service
 * that was down for everyone is not hit by every retry in the same second); 429 waits at least
 * what {@code Retry-After} says. Attempts are bounded either way.
 */
public final class RetryPolicy {
  private final int maxAttempts;
  private final Duration base;
  private final Duration max;

  public record Decision(State state, Instant nextAttemptAt) {}

  public RetryPolicy(int maxAttempts, Duration base, Duration max) {
    this.maxAttempts = maxAttempts;
    this.base = base;
    this.max = max;
  }

  /** @param attempts attempts made so far, the one that produced {@code r} included */
  public Decision decide(PushResult r, int attempts, Instant now) {
    return switch (r.outcome()) {
      case ACCEPTED -> new Decision(State.SENT, null);
      case GONE -> new Decision(State.GONE, null);
      case REJECTED -> new Decision(State.FAILED, null);
      case RATE_LIMITED, TRANSIENT -> {
        if (attempts >= maxAttempts) yield new Decision(State.FAILED, null);
        Duration wait = backoff(attempts);
        if (r.retryAfter() != null && r.retryAfter().compareTo(wait) > 0) wait = r.retryAfter();
        yield new Decision(State.RETRY, now.plus(wait));
      }
    };
  }

  Duration backoff(int attempts) {
    return Backoff.jittered(base, max, attempts);
  }
}
