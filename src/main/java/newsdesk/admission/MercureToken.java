package newsdesk.admission;

import java.time.Instant;
import java.util.List;
import newsdesk.hub.TopicSelector;

/**
 * What a verified Mercure JWT grants: the {@code mercure.publish} and {@code mercure.subscribe}
 * topic selectors, and when it expires (null if it has no {@code exp}).
 */
public record MercureToken(List<TopicSelector> publish, List<TopicSelector> subscribe, Instant expiresAt) {

  /** Every topic must be covered by some publish selector; an empty claim covers nothing. */
  public boolean mayPublish(List<String> topics) {
    if (publish.isEmpty()) return false;
    for (String t : topics) {
      if (publish.stream().noneMatch(s -> s.matches(t))) return false;
    }
    return true;
  }
}
