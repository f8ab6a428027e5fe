package newsdesk.admission;

import java.time.Instant;
import java.util.List;
import newsdesk.hub.TopicSelector;

/**
 * What a verified Mercure JWT grants: the {@code mercure.publish} and {@code mercure.subscribe}
 * topic selectors, when it expires (null if it has no {@code exp}), and the {@code payload} of each
 * draft-08 subscribe detail that has one (draft-07 tokens: none).
 */
public record MercureToken(List<TopicSelector> publish, List<TopicSelector> subscribe, Instant expiresAt,
    List<Payload> payloads) {

  /** A subscribe detail's {@code payload} (as JSON text) and the topics it was given with. */
  public record Payload(List<TopicSelector> topics, String json) {}

  public MercureToken(List<TopicSelector> publish, List<TopicSelector> subscribe, Instant expiresAt) {
    this(publish, subscribe, expiresAt, List.of());
  }

  /**
   * The payload of the first subscribe detail whose topics cover {@code matcher} (the same matcher,
   * or one matching its string), or null: the payload a subscription with it is announced with.
   */
  public String payloadFor(TopicSelector matcher) {
    for (Payload p : payloads) {
      for (TopicSelector s : p.topics()) if (s.key().equals(matcher.key()) || s.matches(matcher.value())) return p.json();
    }
    return null;
  }

  /** Every topic must be covered by some publish selector; an empty claim covers nothing. */
  public boolean mayPublish(List<String> topics) {
    if (publish.isEmpty()) return false;
    for (String t : topics) {
      if (publish.stream().noneMatch(s -> s.matches(t))) return false;
    }
    return true;
  }
}
