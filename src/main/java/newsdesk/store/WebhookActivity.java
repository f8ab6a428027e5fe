package newsdesk.store;

import java.time.Instant;

/**
 * How a webhook's deliveries stand, as far as the kept history goes (finished deliveries are
 * pruned after a while): how many were delivered, are waiting (queued, retrying or on the wire),
 * were given up; and when the last attempt ended and with what HTTP status (0: no answer).
 */
public record WebhookActivity(long webhookId, long sent, long pending, long failed, Instant lastAttemptAt,
    int lastStatus) {

  /** A webhook nothing has been queued for yet. */
  public static WebhookActivity none(long webhookId) {
    return new WebhookActivity(webhookId, 0, 0, 0, null, 0);
  }
}
