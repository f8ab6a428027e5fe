package newsdesk.store;

import java.time.Instant;

/** One claimed delivery: what to send to whom, and how many attempts it has had, this one included. */
public record PushDelivery(long alertId, long subscriptionId, String endpoint, String p256dh, String auth,
    String payload, String urgency, String topicHeader, long ttlSeconds, Instant alertCreatedAt, int attempts) {}
