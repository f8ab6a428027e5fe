package newsdesk.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Web Push subscriptions and the alert outbox. A second, small interface beside {@link Store},
 * implemented by the same SQL store, so the newsroom's store contract stays readable; alerts are
 * queued inside content transactions with {@link WriteTx#enqueuePush}.
 *
 * <p>Delivery states: {@code pending} → (claim) {@code in_flight} → {@code sent} | {@code failed}
 * | back to {@code pending} for a retry. A claim is committed before anything is sent, and a
 * completion after the push service answered, so a crash can leave only the deliveries that were
 * on the wire in {@code in_flight}; {@link #releaseInFlightPushDeliveries} hands them back at
 * start-up. Those few are sent again (at-least-once); every other delivery is sent exactly once.
 */
public interface PushStore {

  /** Creates the subscription, or replaces the keys and topics of the one with the same endpoint. */
  PushSubscription savePushSubscription(String endpoint, String p256dh, String auth, List<String> topics, Instant at);

  /** Deletes the subscription and its pending deliveries; false if there was none. */
  boolean deletePushSubscription(String endpoint);

  Optional<PushSubscription> pushSubscription(String endpoint);

  long pushSubscriptionCount();

  /** Marks up to {@code limit} deliveries due by {@code now} as in flight and returns them, oldest first. */
  List<PushDelivery> claimPushDeliveries(Instant now, int limit);

  /** Records how attempts ended, all in one transaction. */
  void completePushDeliveries(List<PushCompletion> completions);

  /** At start-up: deliveries a previous process claimed but never completed become pending again. */
  int releaseInFlightPushDeliveries();

  /** When the next pending delivery falls due, if any is pending. */
  Optional<Instant> nextPushDue();

  /** Deliveries by state (pending, in_flight, sent, failed), for tests and the operator. */
  java.util.Map<String, Long> pushDeliveryCounts();

  /** Drops finished deliveries and alerts older than {@code before}; returns how many alerts went. */
  int prunePushHistory(Instant before);
}
