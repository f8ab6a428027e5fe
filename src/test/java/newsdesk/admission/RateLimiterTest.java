package newsdesk.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves, so rates and waits are exact. */
class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(1_000 * SECOND);
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  private RateLimiter limiter(double perSecond, int burst, int maxKeys) {
    return new RateLimiter("test", new RateLimiter.Rate(perSecond, burst), maxKeys, now::get, metrics);
  }

  @Test
  void aKeyTakesItsBurstThenIsRefusedWithTheWaitInWholeSeconds() {
    var limiter = limiter(2, 3, 100);
    for (int i = 0; i < 3; i++) assertThat(limiter.acquire("a").allowed()).isTrue();
    var refused = limiter.acquire("a");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    assertThat(metrics.get("newsdesk.rate.limited").tag("limit", "test").counter().count()).isEqualTo(1);
  }

  @Test
  void aSlowRateAsksForALongerWait() {
    var limiter = new RateLimiter("slow", RateLimiter.Rate.perMinute(6, 1), 100, now::get, metrics);
    assertThat(limiter.acquire("ed").allowed()).isTrue();
    assertThat(limiter.acquire("ed").retryAfterSeconds()).isEqualTo(10);
    now.addAndGet(9 * SECOND);
    assertThat(limiter.acquire("ed").allowed()).isFalse();
    now.addAndGet(SECOND);
    assertThat(limiter.acquire("ed").allowed()).isTrue();
  }

  @Test
  void aRefusedKeyRecoversAtTheRate() {
    var limiter = limiter(10, 10, 100);
    for (int i = 0; i < 10; i++) limiter.acquire("a");
    assertThat(limiter.acquire("a").allowed()).isFalse();
    now.addAndGet(SECOND / 2); // five tokens back
    for (int i = 0; i < 5; i++) assertThat(limiter.acquire("a").allowed()).isTrue();
    assertThat(limiter.acquire("a").allowed()).isFalse();
  }

  @Test
  void keysHaveSeparateBuckets() {
    var limiter = limiter(1, 2, 100);
    limiter.acquire("a");
    limiter.acquire("a");
    assertThat(limiter.acquire("a").allowed()).isFalse();
    assertThat(limiter.acquire("b").allowed()).isTrue();
    assertThat(limiter.acquire("b").allowed()).isTrue();
    assertThat(limiter.acquire("b").allowed()).isFalse();
  }

  @Test
  void idleKeysAreDroppedOnceTheirBucketIsFullAgain() {
    var limiter = limiter(10, 10, 1_000);
    for (int i = 0; i < 500; i++) limiter.acquire("client-" + i);
    assertThat(limiter.keys()).isEqualTo(500);
    now.addAndGet(2 * SECOND); // every bucket has refilled: holding it changes nothing
    limiter.acquire("late");
    assertThat(limiter.keys()).isEqualTo(1);
  }

  @Test
  void manyDistinctKeysNeverHoldMoreThanTheCap() {
    var limiter = limiter(5, 5, 1_000);
    for (int i = 0; i < 200_000; i++) {
      limiter.acquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
      if (i % 1_000 == 0) now.addAndGet(SECOND / 1_000); // a flood: new keys far faster than any refill
    }
    assertThat(limiter.keys()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void pastTheCapNewKeysShareOneBucketWhileHeldKeysKeepTheirOwn() {
    var limiter = limiter(1, 3, 10);
    for (int i = 0; i < 10; i++) limiter.acquire("held-" + i);
    // The map is full of non-idle buckets: new keys share the overflow bucket's burst of 3.
    int allowed = 0;
    for (int i = 0; i < 100; i++) if (limiter.acquire("new-" + i).allowed()) allowed++;
    assertThat(allowed).isEqualTo(3);
    assertThat(limiter.acquire("held-0").allowed()).isTrue();
    assertThat(limiter.keys()).isEqualTo(10);
  }

  @Test
  void longKeysAreHeldAsADigest() {
    String jwt = "e".repeat(5_000);
    assertThat(RateLimiter.shortKey(jwt)).hasSize(44).isEqualTo(RateLimiter.shortKey(jwt))
        .isEqualTo(RateLimiter.shortKey(RateLimiter.shortKey(jwt)));
    assertThat(RateLimiter.shortKey("203.0.113.7")).isEqualTo("203.0.113.7");
    var limiter = limiter(1, 1, 100);
    assertThat(limiter.acquire(jwt).allowed()).isTrue();
    assertThat(limiter.acquire(jwt).allowed()).isFalse();
    assertThat(limiter.acquire(jwt + "x").allowed()).isTrue();
  }
}
