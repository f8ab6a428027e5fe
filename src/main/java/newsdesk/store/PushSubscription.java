package newsdesk.store;

import java.time.Instant;
import java.util.List;

/**
 * A reader's Web Push subscription: the push service endpoint, the browser's keys (base64url, as
 * the browser gave them), the topics it follows, and when delivery last worked and last failed.
 */
public record PushSubscription(long id, String endpoint, String p256dh, String auth, List<String> topics,
    Instant createdAt, Instant lastSuccessAt, Instant lastFailureAt) {
  public PushSubscription {
    topics = List.copyOf(topics);
  }
}
