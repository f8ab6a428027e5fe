package newsdesk.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a client address, a token): each key may take {@code burst} requests at
 * once and {@code perSecond} a second after that. Safe from any thread. The buckets live in this
 * node's memory, so each node of a cluster counts on its own.
 *
 * <p>Memory is bounded. A bucket that has filled up again is the same as no bucket, so idle keys
 * are dropped without changing any answer; and at most {@code maxKeys} keys are held: past that,
 * keys not already held share one overflow bucket, so a flood of distinct addresses gets one
 * key's rate between them instead of growing the map.
 */
public final class RateLimiter {
  /** Whether a request may go ahead; if not, how many whole seconds until it may (at least 1). */
  public record Decision(boolean allowed, long retryAfterSeconds) {
    static final Decision ALLOW = new Decision(true, 0);
  }

  /** A rate: {@code perSecond} on average (may be below 1: one per minute is 1/60), {@code burst} at once. */
  public record Rate(double perSecond, int burst) {
    public Rate {
      if (!(perSecond > 0) || burst < 1) throw new IllegalArgumentException("a rate needs perSecond > 0 and burst >= 1");
    }

    public static Rate perMinute(int perMinute, int burst) {
      return new Rate(perMinute / 60.0, burst);
    }

    /** Nanoseconds an emptied bucket takes to fill up again. */
    long refillNanos() {
      return (long) Math.ceil(burst / perSecond * 1e9);
    }
  }

  private final String name;
  private final Rate rate;
  private final int maxKeys;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Bucket overflow;
  private final AtomicLong lastSweep;
  private final Counter refused;

  /**
   * @param name the limit's name in metrics ({@code limit} tag) and problems
   * @param maxKeys the most keys held at once
   * @param nanoTime the clock ({@link System#nanoTime} outside tests)
   */
  public RateLimiter(String name, Rate rate, int maxKeys, LongSupplier nanoTime, MeterRegistry metrics) {
    if (maxKeys < 1) throw new IllegalArgumentException("maxKeys must be at least 1");
    this.name = name;
    this.rate = rate;
    this.maxKeys = maxKeys;
    this.nanoTime = nanoTime;
    long now = nanoTime.getAsLong();
    this.overflow = new Bucket(rate, now);
    this.lastSweep = new AtomicLong(now);
    this.refused = Counter.builder("newsdesk.rate.limited").tag("limit", name)
        .description("Requests refused with 429 by a rate limit").register(metrics);
    Gauge.builder("newsdesk.rate.limit.keys", buckets, ConcurrentHashMap::size).tag("limit", name)
        .description("Keys (clients, tokens, accounts) a rate limit holds a bucket for").register(metrics);
  }

  public String name() {
    return name;
  }

  public Rate rate() {
    return rate;
  }

  /** Takes one request from {@code key}'s bucket, if it holds one. A long key is held as its digest. */
  public Decision acquire(String key) {
    long now = nanoTime.getAsLong();
    sweepIfDue(now);
    key = shortKey(key);
    Bucket bucket = buckets.get(key);
    if (bucket == null) bucket = admitKey(key, now);
    Decision d = bucket.take(now);
    if (!d.allowed()) refused.increment();
    return d;
  }

  /**
   * {@code key} as a bucket key of bounded size: itself up to 64 characters, else {@code #} and its
   * SHA-256 (base64url, 44 characters in all), so a client's long input (an account name, a JWT)
   * cannot make each held key large. Idempotent, so a caller may digest a key once and pass that.
   */
  public static String shortKey(String key) {
    if (key.length() <= 64) return key;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "#" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Keys held now; at most {@code maxKeys}. */
  public int keys() {
    return buckets.size();
  }

  private Bucket admitKey(String key, long now) {
    if (buckets.size() >= maxKeys) {
      sweep(now, 100_000_000L);
      if (buckets.size() >= maxKeys) return overflow;
    }
    // Two threads may both pass the size check; the bound is then overshot by at most the
    // number of threads, never without limit.
    return buckets.computeIfAbsent(key, k -> new Bucket(rate, now));
  }

  /** Drops idle keys, at most once per refill period, so a steady stream of requests does not sweep each time. */
  private void sweepIfDue(long now) {
    sweep(now, Math.max(rate.refillNanos(), 1_000_000_000L));
  }

  /**
   * Drops full buckets (idle for a refill period: the same as no bucket) unless a sweep ran within
   * {@code minGapNanos}, so a flood of new keys against a full map sweeps at most that often.
   */
  private void sweep(long now, long minGapNanos) {
    long last = lastSweep.get();
    if (now - last >= minGapNanos && lastSweep.compareAndSet(last, now)) {
      buckets.values().removeIf(b -> b.isFull(now));
    }
  }

  /** One key's tokens, refilled lazily from the time of its last request. */
  private static final class Bucket {
    private final Rate rate;
    private double tokens;
    private long updated;

    Bucket(Rate rate, long now) {
      this.rate = rate;
      this.tokens = rate.burst();
      this.updated = now;
    }

    synchronized Decision take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return Decision.ALLOW;
      }
      long wait = (long) Math.ceil((1 - tokens) / rate.perSecond());
      return new Decision(false, Math.max(1, wait));
    }

    synchronized boolean isFull(long now) {
      refill(now);
      return tokens >= rate.burst();
    }

    private void refill(long now) {
      long elapsed = now - updated;
      if (elapsed <= 0) return;
      tokens = Math.min(rate.burst(), tokens + elapsed * rate.perSecond() / 1e9);
      updated = now;
    }
  }
}
