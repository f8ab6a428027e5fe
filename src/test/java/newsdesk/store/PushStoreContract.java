package newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link PushStore} contract, run against every implementation (a subclass each). Each test
 * starts on an empty database; {@link #open()} opens another store on it, as another node would.
 * Times are given, not read from a clock, so leases run out when the test says.
 */
public abstract class PushStoreContract<S extends Store & PushStore> extends StoreNodes<S> {
  static final Instant T0 = Instant.ofEpochMilli(1_800_000_000_000L);
  static final Duration LEASE = Duration.ofMinutes(2);
  static String endpoint(int i) {
    return "https://push.example.org/send/" + i;
  }

  static PushSubscription subscribe(PushStore store, int i, String... topics) {
    return store.savePushSubscription(endpoint(i), "key" + i, "auth" + i, List.of(topics), T0);
  }

  static QueuedPushAlert alert(Store store, Instant at, String... topics) {
    return store.write(tx -> tx.enqueuePush(
        new NewPushAlert("breaking", List.of(topics), "{\"title\":\"t\"}", "high", "topic-1", 600, at))).value();
  }

  static PushCompletion done(PushDelivery d, PushCompletion.State state, Instant at, Instant next) {
    return new PushCompletion(d.alertId(), d.subscriptionId(), state, state == PushCompletion.State.SENT ? 201 : 500,
        next, at);
  }

  // ---- subscriptions

  @Test
  void aSubscriptionIsSavedReplacedByEndpointAndDeleted() {
    S store = open();
    var saved = store.savePushSubscription(endpoint(1), "k", "a", List.of("breaking", "section:city", "breaking"), T0);
    assertThat(saved.topics()).containsExactly("breaking", "section:city");
    assertThat(store.pushSubscription(endpoint(1))).hasValueSatisfying(s -> {
      assertThat(s.id()).isEqualTo(saved.id());
      assertThat(s.topics()).containsExactly("breaking", "section:city");
      assertThat(s.createdAt()).isEqualTo(T0);
    });
    var replaced = store.savePushSubscription(endpoint(1), "k2", "a2", List.of("live:x"), T0.plusSeconds(9));
    assertThat(replaced.id()).isEqualTo(saved.id());
    assertThat(replaced.createdAt()).isEqualTo(T0);
    assertThat(store.pushSubscription(endpoint(1)).orElseThrow().p256dh()).isEqualTo("k2");
    assertThat(store.pushSubscription(endpoint(1)).orElseThrow().topics()).containsExactly("live:x");
    assertThat(store.pushSubscriptionCount()).isEqualTo(1);
    assertThat(store.deletePushSubscription(endpoint(1))).isTrue();
    assertThat(store.deletePushSubscription(endpoint(1))).isFalse();
    assertThat(store.pushSubscription(endpoint(1))).isEmpty();
    assertThat(store.pushSubscriptionCount()).isZero();
  }

  @Test
  void anAlertQueuesOneDeliveryPerFollowingSubscriptionAndDeletingASubscriptionDropsItsDeliveries() {
    S store = open();
    subscribe(store, 1, "breaking");
    subscribe(store, 2, "breaking", "section:city");
    subscribe(store, 3, "section:sport");
    assertThat(alert(store, T0, "breaking", "section:city").deliveries()).isEqualTo(2);
    assertThat(alert(store, T0).deliveries()).isZero();
    assertThat(store.pushDeliveryCounts()).isEqualTo(Map.of("pending", 2L, "in_flight", 0L, "sent", 0L, "failed", 0L));
    store.deletePushSubscription(endpoint(2));
    assertThat(store.pushDeliveryCounts().get("pending")).isEqualTo(1);
  }

  @Test
  void theCountForTopicsIsWhatAnAlertToThemQueuesEachSubscriptionOnce() {
    S store = open();
    subscribe(store, 1, "breaking");
    subscribe(store, 2, "breaking", "section:city");
    subscribe(store, 3, "section:city");
    subscribe(store, 4, "section:sport", "live:match");
    assertThat(store.pushSubscriptionCount(List.of("breaking"))).isEqualTo(2);
    assertThat(store.pushSubscriptionCount(List.of("breaking", "section:city"))).isEqualTo(3);
    assertThat(store.pushSubscriptionCount(List.of("section:weather"))).isZero();
    assertThat(store.pushSubscriptionCount(List.of())).isZero();
    assertThat(open().pushSubscriptionCount(List.of("breaking", "section:city")))
        .isEqualTo(alert(store, T0, "breaking", "section:city").deliveries());
    store.deletePushSubscription(endpoint(2));
    assertThat(store.pushSubscriptionCount(List.of("breaking", "section:city"))).isEqualTo(2);
  }

  // ---- claims and leases

  @Test
  void aClaimTakesDueDeliveriesOldestFirstAndCountsTheAttempt() {
    S store = open();
    subscribe(store, 1, "breaking");
    subscribe(store, 2, "breaking");
    long first = alert(store, T0, "breaking").alertId();
    long later = alert(store, T0.plusSeconds(60), "breaking").alertId();
    assertThat(store.nextPushDue()).contains(T0);

    var claimed = store.claimPushDeliveries("a", T0.plusSeconds(1), LEASE, 10);
    assertThat(claimed).extracting(PushDelivery::alertId).containsExactly(first, first);
    assertThat(claimed).extracting(PushDelivery::attempts).containsOnly(1);
    assertThat(claimed.get(0).endpoint()).isEqualTo(endpoint(1));
    assertThat(claimed.get(0).p256dh()).isEqualTo("key1");
    assertThat(claimed.get(0).payload()).isEqualTo("{\"title\":\"t\"}");
    assertThat(claimed.get(0).urgency()).isEqualTo("high");
    assertThat(claimed.get(0).topicHeader()).isEqualTo("topic-1");
    assertThat(claimed.get(0).ttlSeconds()).isEqualTo(600);
    assertThat(claimed.get(0).alertCreatedAt()).isEqualTo(T0);
    assertThat(store.pushDeliveryCounts().get("in_flight")).isEqualTo(2);
    assertThat(store.claimPushDeliveries("a", T0.plusSeconds(1), LEASE, 10)).isEmpty();
    assertThat(store.nextPushDue()).contains(T0.plusSeconds(60));

    var one = store.claimPushDeliveries("a", T0.plusSeconds(60), LEASE, 1);
    assertThat(one).extracting(PushDelivery::alertId).containsExactly(later);
  }

  @Test
  void aLiveClaimIsNobodyElsesAndADeadNodesClaimIsTakenOverWhenItsLeaseRunsOut() {
    S a = open();
    S b = open();
    subscribe(a, 1, "breaking");
    alert(a, T0, "breaking");
    Instant claimedAt = T0.plusSeconds(1);
    var byA = a.claimPushDeliveries("a", claimedAt, LEASE, 10);
    assertThat(byA).hasSize(1);
    assertThat(b.nextPushDue()).contains(claimedAt.plus(LEASE));

    assertThat(b.claimPushDeliveries("b", claimedAt.plus(LEASE).minusMillis(1), LEASE, 10)).isEmpty();
    var byB = b.claimPushDeliveries("b", claimedAt.plus(LEASE), LEASE, 10);
    assertThat(byB).hasSize(1);
    assertThat(byB.get(0).attempts()).isEqualTo(2);

    // A was only slow, not dead: its late result no longer counts, B's does.
    a.completePushDeliveries("a", List.of(done(byA.get(0), PushCompletion.State.RETRY, claimedAt.plus(LEASE), T0)));
    assertThat(a.pushDeliveryCounts().get("in_flight")).isEqualTo(1);
    assertThat(a.claimPushDeliveries("a", claimedAt.plus(LEASE), LEASE, 10)).isEmpty();
    b.completePushDeliveries("b", List.of(done(byB.get(0), PushCompletion.State.SENT, claimedAt.plus(LEASE), null)));
    assertThat(a.pushDeliveryCounts()).isEqualTo(Map.of("pending", 0L, "in_flight", 0L, "sent", 1L, "failed", 0L));
    assertThat(b.nextPushDue()).isEmpty();
  }

  @Test
  void aRestartedNodeTakesBackItsOwnClaimsAtOnceAndNoOneElses() {
    S a = open();
    S b = open();
    for (int i = 0; i < 4; i++) subscribe(a, i, "breaking");
    alert(a, T0, "breaking");
    assertThat(a.claimPushDeliveries("a", T0, LEASE, 3)).hasSize(3);
    assertThat(b.claimPushDeliveries("b", T0, LEASE, 3)).hasSize(1);

    S restarted = open();
    assertThat(restarted.releasePushClaims("a")).isEqualTo(3);
    assertThat(restarted.pushDeliveryCounts().get("pending")).isEqualTo(3);
    assertThat(restarted.pushDeliveryCounts().get("in_flight")).isEqualTo(1);
    var again = restarted.claimPushDeliveries("a", T0.plusSeconds(1), LEASE, 10);
    assertThat(again).hasSize(3).extracting(PushDelivery::attempts).containsOnly(2);
  }

  @Test
  void twoNodesClaimingAtOnceNeverHandOutOneDeliveryTwice() throws Exception {
    S a = open();
    S b = open();
    int subscriptions = 120;
    for (int i = 0; i < subscriptions; i++) subscribe(a, i, "breaking");
    alert(a, T0, "breaking");
    alert(a, T0, "breaking");
    var claimed = new ConcurrentLinkedQueue<String>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      var futures = new ArrayList<Future<?>>();
      for (S node : List.of(a, b, a, b)) {
        String name = node == a ? "a" : "b";
        futures.add(pool.submit(() -> {
          for (List<PushDelivery> got; !(got = node.claimPushDeliveries(name, T0, LEASE, 7)).isEmpty(); ) {
            for (PushDelivery d : got) claimed.add(d.alertId() + "/" + d.subscriptionId());
          }
          return null;
        }));
      }
      for (var f : futures) f.get(60, TimeUnit.SECONDS);
    }
    assertThat(claimed).hasSize(2 * subscriptions).doesNotHaveDuplicates();
    assertThat(a.pushDeliveryCounts().get("in_flight")).isEqualTo(2L * subscriptions);
  }

  // ---- completions and upkeep

  @Test
  void completionsRecordSentRetriedFailedAndGoneSubscriptions() {
    S store = open();
    for (int i = 1; i <= 4; i++) subscribe(store, i, "breaking");
    alert(store, T0, "breaking");
    var claimed = store.claimPushDeliveries("a", T0, LEASE, 10);
    assertThat(claimed).hasSize(4);
    Instant at = T0.plusSeconds(2);
    Instant retryAt = T0.plusSeconds(30);
    store.completePushDeliveries("a", List.of(
        done(claimed.get(0), PushCompletion.State.SENT, at, null),
        done(claimed.get(1), PushCompletion.State.RETRY, at, retryAt),
        done(claimed.get(2), PushCompletion.State.FAILED, at, null),
        done(claimed.get(3), PushCompletion.State.GONE, at, null)));
    assertThat(store.pushDeliveryCounts()).isEqualTo(Map.of("pending", 1L, "in_flight", 0L, "sent", 1L, "failed", 1L));
    assertThat(store.pushSubscription(claimed.get(0).endpoint()).orElseThrow().lastSuccessAt()).isEqualTo(at);
    assertThat(store.pushSubscription(claimed.get(2).endpoint()).orElseThrow().lastFailureAt()).isEqualTo(at);
    assertThat(store.pushSubscription(claimed.get(3).endpoint())).isEmpty();
    assertThat(store.nextPushDue()).contains(retryAt);
    assertThat(store.claimPushDeliveries("a", retryAt.minusMillis(1), LEASE, 10)).isEmpty();
    var retry = store.claimPushDeliveries("a", retryAt, LEASE, 10);
    assertThat(retry).hasSize(1);
    assertThat(retry.get(0).subscriptionId()).isEqualTo(claimed.get(1).subscriptionId());
    assertThat(retry.get(0).attempts()).isEqualTo(2);
  }

  @Test
  void pruningDropsOnlyFinishedAlertsOlderThanTheCutOff() {
    S store = open();
    subscribe(store, 1, "breaking");
    alert(store, T0, "breaking");
    alert(store, T0, "breaking");
    var claimed = store.claimPushDeliveries("a", T0, LEASE, 1);
    store.completePushDeliveries("a", List.of(done(claimed.get(0), PushCompletion.State.SENT, T0, null)));
    assertThat(store.prunePushHistory(T0)).isZero();
    assertThat(store.prunePushHistory(T0.plusSeconds(1))).isEqualTo(1);
    assertThat(store.pushDeliveryCounts()).isEqualTo(Map.of("pending", 1L, "in_flight", 0L, "sent", 0L, "failed", 0L));
  }

  // ---- the VAPID key pair

  static StoredVapidKeys pair(int i) {
    return new StoredVapidKeys("public-" + i, "private-" + i, T0.plusSeconds(i));
  }

  @Test
  void theVapidKeyPairIsKeptOnceAndEveryNodeGetsTheFirstKept() {
    S a = open();
    S b = open();
    assertThat(a.vapidKeys()).isEmpty();
    assertThat(a.keepVapidKeys(pair(1))).isEqualTo(pair(1));
    assertThat(b.keepVapidKeys(pair(2))).isEqualTo(pair(1));
    assertThat(b.vapidKeys()).contains(pair(1));
    assertThat(a.keepVapidKeys(pair(3))).isEqualTo(pair(1));
    assertThat(pair(1).toString()).doesNotContain("private-1");
  }

  @Test
  void nodesKeepingTheirOwnPairAtOnceAllGetTheSameOne() throws Exception {
    List<S> nodes = List.of(open(), open(), open(), open());
    var start = new CountDownLatch(1);
    var kept = new ArrayList<Future<StoredVapidKeys>>();
    try (ExecutorService pool = Executors.newFixedThreadPool(nodes.size())) {
      for (int i = 0; i < nodes.size(); i++) {
        S node = nodes.get(i);
        var candidate = pair(10 + i);
        kept.add(pool.submit(() -> {
          start.await();
          return node.keepVapidKeys(candidate);
        }));
      }
      start.countDown();
      var first = kept.get(0).get(60, TimeUnit.SECONDS);
      for (var k : kept) assertThat(k.get(60, TimeUnit.SECONDS)).isEqualTo(first);
      assertThat(nodes.get(0).vapidKeys()).contains(first);
    }
  }
}
