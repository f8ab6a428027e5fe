package newsdesk.desk;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in attempts, limited per account and per client address, so neither one password nor one
 * machine can be tried at speed. Each key has a bucket of {@code burst} attempts that refills one
 * every {@code refill}; an attempt needs a token from both of its buckets, and is refused before the
 * password is hashed, so a flood costs no Argon2 work either. Held in memory: each node limits on
 * its own (N nodes allow N times the rate), which still bounds guessing to a few per minute.
 *
 * <p>This is the seam for the keyed limiter that {@code admission} is to get; until then these
 * few lines are the whole of it.
 */
public final class SignInLimits {
  /** Beyond this many keys, full buckets (those that would allow a whole burst) are dropped. */
  private static final int MAX_KEYS = 50_000;

  private final Clock clock;
  private final Rate perAccount;
  private final Rate perAddress;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** {@code burst} attempts at once, then one more every {@code refill}. */
  public record Rate(int burst, Duration refill) {}

  /** Whether an attempt may go ahead, and if not, in how many seconds one will. */
  public record Verdict(boolean allowed, long retryAfterSeconds) {}

  public SignInLimits(Clock clock, Rate perAccount, Rate perAddress) {
    this.clock = clock;
    this.perAccount = perAccount;
    this.perAddress = perAddress;
  }

  /** The defaults: 5 tries per account then one a minute; 20 per address then one every 10 s. */
  public static SignInLimits defaults(Clock clock) {
    return new SignInLimits(clock, new Rate(5, Duration.ofMinutes(1)), new Rate(20, Duration.ofSeconds(10)));
  }

  public Verdict attempt(String address, String email) {
    long now = clock.millis();
    if (buckets.size() > MAX_KEYS) buckets.values().removeIf(b -> b.full(now));
    Bucket account = buckets.computeIfAbsent("a:" + email.strip().toLowerCase(Locale.ROOT), k -> new Bucket(perAccount, now));
    Bucket client = buckets.computeIfAbsent("c:" + address, k -> new Bucket(perAddress, now));
    long wait = Math.max(account.waitMillis(now), client.waitMillis(now));
    if (wait > 0) return new Verdict(false, Math.max(1, (wait + 999) / 1000));
    account.take(now);
    client.take(now);
    return new Verdict(true, 0);
  }

  /** A token bucket; its state moves only under its own lock. */
  private static final class Bucket {
    private final Rate rate;
    private double tokens;
    private long at;

    Bucket(Rate rate, long now) {
      this.rate = rate;
      this.tokens = rate.burst();
      this.at = now;
    }

    synchronized long waitMillis(long now) {
      refill(now);
      return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * rate.refill().toMillis());
    }

    synchronized void take(long now) {
      refill(now);
      tokens = Math.max(0, tokens - 1);
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= rate.burst();
    }

    private void refill(long now) {
      if (now > at) tokens = Math.min(rate.burst(), tokens + (double) (now - at) / rate.refill().toMillis());
      at = Math.max(at, now);
    }
  }
}
