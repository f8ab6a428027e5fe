package newsdesk.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Web Push subscriptions and the alert outbox. A second, small interface beside {@link Store},
 * implemented by the same SQL store, so the newsroom's store contract stays readable; alerts are
 * queued inside content transactions with {@link WriteTx#enqueuePush}.
 *
 * <p>Delivery states: {@code pending} → (claim) {@code in_flight} → {@code sent} | {@code failed}
 * | back to {@code pending} for a retry. A claim is committed before anything is sent and carries
 * a lease: the claiming node's name and a time until which no other node may claim it. Claims on
 * several stores (nodes) at once never hand out one delivery twice. A completion is recorded only
 * while the claim is still its node's, after the push service answered. So a crash can leave only
 * the deliveries that were on the wire in {@code in_flight}: the same node hands them back when it
 * starts again ({@link #releasePushClaims}), any node takes them over once their lease has run out.
 * Those few are sent again (at-least-once); every other delivery is sent exactly once.
 */
public interface PushStore {

  /** Creates the subscription, or replaces the keys and topics of the one with the same endpoint. */
  PushSubscription savePushSubscription(String endpoint, String p256dh, String auth, List<String> topics, Instant at);

  /** Deletes the subscription and its pending deliveries; false if there was none. */
  boolean deletePushSubscription(String endpoint);

  Optional<PushSubscription> pushSubscription(String endpoint);

  long pushSubscriptionCount();

  /**
   * How many subscriptions follow any of {@code topics}, each counted once: the deliveries an alert
   * to those topics would queue now ({@link WriteTx#enqueuePush} selects them the same way).
   */
  long pushSubscriptionCount(List<String> topics);

  /**
   * Claims for {@code node} up to {@code limit} deliveries due by {@code now} — pending ones, and
   * in-flight ones whose lease has run out (their node died) — until {@code now + lease}, and
   * returns them, oldest first.
   */
  List<PushDelivery> claimPushDeliveries(String node, Instant now, Duration lease, int limit);

  /**
   * Records how {@code node}'s attempts ended, all in one transaction. A delivery whose claim
   * another node has taken over since is left to that node.
   */
  void completePushDeliveries(String node, List<PushCompletion> completions);

  /** At start-up: deliveries {@code node} claimed in a previous life and never completed become pending again. */
  int releasePushClaims(String node);

  /** When the next delivery falls due (a pending one, or a lease that runs out), if any. */
  Optional<Instant> nextPushDue();

  /** Deliveries by state (pending, in_flight, sent, failed), for tests and the operator. */
  Map<String, Long> pushDeliveryCounts();

  /** Drops finished deliveries and alerts older than {@code before}; returns how many alerts went. */
  int prunePushHistory(Instant before);

  /** The server's VAPID key pair, shared by every node on this store; empty until one is kept. */
  Optional<StoredVapidKeys> vapidKeys();

  /**
   * Keeps {@code candidate} as the VAPID key pair unless one is kept already, and returns the kept
   * one: of nodes starting at once, every one gets the pair the first stored. Never replaces it.
   */
  StoredVapidKeys keepVapidKeys(StoredVapidKeys candidate);
}
