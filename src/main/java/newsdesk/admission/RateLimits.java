package newsdesk.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.LongSupplier;
import newsdesk.config.Config;
import newsdesk.http.Problem;

/**
 * The server's rate limits, one {@link RateLimiter} each, built from the {@code limits} settings:
 * publishing per token, the API and push subscriptions per client address, sign-in per account
 * and per address. Past a limit a request gets 429 with {@code Retry-After} and a
 * {@code /problems/rate-limited} problem.
 */
public final class RateLimits {
  private final TrustedProxies proxies;
  private final RateLimiter publish;
  private final RateLimiter api;
  private final RateLimiter pushSubscriptions;
  private final SignInLimiter signIn;

  public RateLimits(Config.Limits limits, TrustedProxies proxies, MeterRegistry metrics, LongSupplier nanoTime) {
    this.proxies = proxies;
    int keys = limits.maxKeys();
    publish = new RateLimiter("publish", new RateLimiter.Rate(limits.publishPerSecond(), limits.publishBurst()),
        keys, nanoTime, metrics);
    api = new RateLimiter("api", new RateLimiter.Rate(limits.apiPerSecond(), limits.apiBurst()), keys, nanoTime, metrics);
    pushSubscriptions = new RateLimiter("push", new RateLimiter.Rate(limits.pushPerSecond(), limits.pushBurst()),
        keys, nanoTime, metrics);
    signIn = new SignInLimiter(
        new RateLimiter("sign-in", RateLimiter.Rate.perMinute(limits.signInPerMinute(), limits.signInBurst()),
            keys, nanoTime, metrics),
        new RateLimiter("sign-in-ip", RateLimiter.Rate.perMinute(limits.signInIpPerMinute(), limits.signInIpBurst()),
            keys, nanoTime, metrics),
        proxies);
  }

  /** API writes and Mercure publishes, keyed by the token that made them. */
  public RateLimiter publish() {
    return publish;
  }

  /** Requests under {@code /api/}, keyed by client address. */
  public RateLimiter api() {
    return api;
  }

  /** Push subscription requests, keyed by client address. */
  public RateLimiter pushSubscriptions() {
    return pushSubscriptions;
  }

  /** Sign-in attempts, per account and per client address. */
  public SignInLimiter signIn() {
    return signIn;
  }

  /** The client address {@code req} is counted under (see {@link TrustedProxies}). */
  public String clientOf(HttpServerRequest req) {
    return proxies.clientOf(req);
  }

  /**
   * Takes one request from {@code key}'s bucket of {@code limiter}; when it is empty, answers 429
   * and returns false. On the request's event loop.
   */
  public static boolean admit(RateLimiter limiter, String key, HttpServerRequest req) {
    RateLimiter.Decision d = limiter.acquire(key);
    if (d.allowed()) return true;
    refusal(limiter, d).send(req.response(), req.path());
    return false;
  }

  /** The 429 problem for a refused {@code decision} of {@code limiter}. */
  public static Problem refusal(RateLimiter limiter, RateLimiter.Decision decision) {
    return Problem.rateLimited("over the " + limiter.name() + " rate limit of " + describe(limiter.rate())
        + "; retry after " + decision.retryAfterSeconds() + " s", decision.retryAfterSeconds());
  }

  private static String describe(RateLimiter.Rate rate) {
    double perSecond = rate.perSecond();
    String average = perSecond >= 1 ? Math.round(perSecond) + "/s" : Math.round(perSecond * 60) + "/min";
    return average + " (bursts of " + rate.burst() + ")";
  }
}
