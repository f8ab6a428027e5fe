package newsdesk.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WebSub subscriptions and the outbox of HTTP callbacks, a third small interface implemented by
 * the same SQL store. Deliveries go {@code pending} → (claim, committed before sending, leased to
 * a named node) {@code in_flight} → {@code sent} | {@code failed} | back to {@code pending}, as
 * {@link PushStore}'s do and with the same guarantees: claims on several nodes never hand out one
 * delivery twice; a completion counts only while the claim is still its node's; a restarted node
 * takes back its own claims at once ({@link #releaseCallbackClaims}), any node a dead node's once
 * the lease has run out.
 */
public interface CallbackStore {

  /** Creates the subscription or renews the one for the same callback and topic (new secret and lease). */
  WebSubSubscription saveWebSubSubscription(String callback, String topic, String secret, long leaseSeconds,
      Instant at);

  /** Deletes the subscription and its unsent deliveries; false if there was none. */
  boolean deleteWebSubSubscription(String callback, String topic);

  Optional<WebSubSubscription> webSubSubscription(String callback, String topic);

  /**
   * Keeps a request the hub accepted, to be verified: durable once this returns, so the hub may
   * answer 202. Intents are claimed, leased and handed back as deliveries are.
   */
  WebSubIntent saveWebSubIntent(String mode, String callback, String topic, String secret, long leaseSeconds,
      Instant at);

  /**
   * Claims for {@code node} up to {@code limit} intents due by {@code now} until {@code now + lease},
   * oldest first; of several for one callback and topic only the oldest, and none while an older one
   * is in flight, so they take effect in the order they were made.
   */
  List<WebSubIntent> claimWebSubIntents(String node, Instant now, Duration lease, int limit);

  /**
   * In one transaction, for each intent still claimed by {@code node}: a confirmed subscribe saves
   * or renews the subscription (as {@link #saveWebSubSubscription}, from the verification's time), a
   * confirmed unsubscribe deletes it, and the intent goes. Intents another node claimed since are
   * left to it.
   */
  void completeWebSubIntents(String node, List<WebSubVerification> verifications);

  /** At start-up: intents {@code node} claimed in a previous life become pending again. */
  int releaseWebSubIntentClaims(String node);

  /** When the next intent falls due (a pending one, or a lease that runs out), if any. */
  Optional<Instant> nextWebSubIntentDue();

  /**
   * Whether anyone is registered to receive deliveries of {@code kind}: a webhook
   * ({@link CallbackDelivery#WEBHOOK}) or a WebSub subscription ({@link CallbackDelivery#WEBSUB}).
   */
  boolean anySubscribers(String kind);

  /** The position of the dispatcher {@code name} in the event log, set to {@code initial} on first use. */
  long callbackCursor(String name, long initial);

  /**
   * In one transaction: when {@code cursor} is null or still at {@code from}, queues a delivery to
   * every subscription of each of {@code topics} whose lease has not ended by {@code now} — none
   * where one is already pending, since a WebSub delivery sends the topic's content as it is when
   * sent — and moves {@code cursor} to {@code to}. False, queuing nothing, when another node has
   * moved the cursor since it was read.
   */
  boolean queueWebSubDeliveries(String cursor, long from, long to, Collection<String> topics, Instant now);

  Webhook saveWebhook(String url, String secret, Instant at);

  /** Every registered webhook, oldest first. */
  List<Webhook> webhooks();

  /** Deletes the webhook and its unsent deliveries; false if there was none. */
  boolean deleteWebhook(long id);

  /** How each webhook's deliveries stand, by webhook id; a webhook with none has no entry. */
  Map<Long, WebhookActivity> webhookActivity();

  /**
   * As {@link #queueWebSubDeliveries}, for webhooks: in one transaction, when {@code cursor} is
   * still at {@code from}, queues each of {@code bodies} (in order) to every webhook registered no later
   * than its event (a webhook gets only what happened once it was there, however far behind the queue
   * runs), to be given up at {@code giveUpAt}, and moves the cursor to {@code to}.
   */
  boolean queueWebhookDeliveries(String cursor, long from, long to, List<WebhookBody> bodies, Instant now,
      Instant giveUpAt);

  /**
   * Claims for {@code node} up to {@code limit} deliveries due by {@code now} (pending ones, and
   * in-flight ones whose lease has run out) until {@code now + lease}, oldest first.
   */
  List<CallbackDelivery> claimCallbackDeliveries(String node, Instant now, Duration lease, int limit);

  /** Records how {@code node}'s attempts ended, in one transaction; claims taken over since are left alone. */
  void completeCallbackDeliveries(String node, List<CallbackCompletion> completions);

  /** At start-up: deliveries {@code node} claimed in a previous life become pending again. */
  int releaseCallbackClaims(String node);

  /** When the next delivery falls due (a pending one, or a lease that runs out), if any. */
  Optional<Instant> nextCallbackDue();

  /** Deliveries by state (pending, in_flight, sent, failed). */
  Map<String, Long> callbackDeliveryCounts();

  /** Drops subscriptions whose lease ended before {@code now} and finished deliveries older than {@code before}. */
  int pruneCallbacks(Instant now, Instant before);
}
