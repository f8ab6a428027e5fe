package newsdesk.store;

import java.time.Instant;
import java.util.List;

/**
 * An alert to queue: it goes to every subscription following any of {@code topics}, each once.
 * {@code payload} is the plaintext every subscriber gets; {@code urgency}, {@code topicHeader}
 * and {@code ttlSeconds} become the RFC 8030 headers.
 */
public record NewPushAlert(String kind, List<String> topics, String payload, String urgency, String topicHeader,
    long ttlSeconds, Instant createdAt) {
  public NewPushAlert {
    topics = List.copyOf(topics);
  }
}
