package newsdesk.push;

import java.time.Duration;

/**
 * Web Push settings: the VAPID contact, whether {@code http://} endpoints on loopback are allowed
 * (development and tests only), the TTL asked of push services, the retry budget and back-off,
 * and how many requests may be open to one push service and in all.
 */
public record PushSettings(String contact, boolean allowInsecureEndpoints, Duration ttl, int maxAttempts,
    int concurrencyPerOrigin, Duration baseBackoff, Duration maxBackoff, int maxInFlight) {

  public PushSettings {
    if (!VapidJwt.isValidContact(contact)) {
      throw new IllegalArgumentException("push.contact must be a mailto: or https: URI, got '" + contact + "'");
    }
    if (maxAttempts < 1 || concurrencyPerOrigin < 1 || maxInFlight < 1) throw new IllegalArgumentException("limits must be positive");
  }

  public static PushSettings from(newsdesk.config.Config.Push c) {
    return new PushSettings(c.contact(), c.allowInsecureEndpoints(), c.ttl(), c.maxAttempts(),
        c.concurrencyPerOrigin(), Duration.ofSeconds(1), Duration.ofMinutes(10), Math.max(64, c.concurrencyPerOrigin() * 8));
  }

  public PushSettings withBackoff(Duration base, Duration max) {
    return new PushSettings(contact, allowInsecureEndpoints, ttl, maxAttempts, concurrencyPerOrigin, base, max, maxInFlight);
  }
}
