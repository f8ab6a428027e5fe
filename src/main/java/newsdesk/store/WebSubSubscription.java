package newsdesk.store;

import java.time.Instant;

/** A verified WebSub subscription: {@code callback} receives {@code topic} until {@code expiresAt}. */
public record WebSubSubscription(long id, String callback, String topic, String secret, long leaseSeconds,
    Instant expiresAt, Instant createdAt) {

  @Override
  public String toString() {
    // The secret never reaches a log line.
    return "WebSubSubscription[id=" + id + ", callback=" + callback + ", topic=" + topic + ", expiresAt=" + expiresAt + "]";
  }
}
