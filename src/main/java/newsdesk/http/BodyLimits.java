package newsdesk.http;

import java.util.Map;

/**
 * The largest request body each address takes, enforced per connection by {@link MalformedRequests}
 * before Vert.x reads a byte: one limit for every address, and larger ones for a few exact paths
 * (an image upload). A path spelled any other way gets the standard limit: the safe side.
 */
public record BodyLimits(long standard, Map<String, Long> larger) {

  public BodyLimits {
    larger = Map.copyOf(larger);
  }

  public static BodyLimits of(long standard) {
    return new BodyLimits(standard, Map.of());
  }

  /** The limit for a request line's target (its path, then perhaps a query). */
  long forTarget(String target) {
    int q = target.indexOf('?');
    return larger.getOrDefault(q < 0 ? target : target.substring(0, q), standard);
  }
}
