package newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import newsdesk.store.CallbackCompletion.State;
import org.junit.jupiter.api.Test;

/**
 * The {@link CallbackStore} contract (WebSub subscriptions and the callback outbox), run against
 * every implementation. Times are given, not read from a clock, so leases run out when the test says.
 * Each node is a store ({@code S}); {@link #callbacks} is its callback store.
 */
public abstract class CallbackStoreContract<S extends AutoCloseable> extends StoreNodes<S> {
  static final Instant T0 = Instant.ofEpochMilli(1_800_000_000_000L);
  static final Duration LEASE = Duration.ofMinutes(2);
  static final String TOPIC = "https://news.example/feed.atom";

  /** The callback store of {@code node}. */
  protected abstract CallbackStore callbacks(S node);

  static String callback(int i) {
    return "https://reader.example/cb/" + i;
  }

  static CallbackCompletion done(CallbackDelivery d, State state, Instant at, Instant next) {
    return new CallbackCompletion(d.id(), state, state == State.SENT ? 200 : 500, next, at);
  }

  @Test
  void aSubscriptionIsSavedRenewedWithANewSecretAndLeaseAndDeleted() {
    CallbackStore store = callbacks(open());
    var first = store.saveWebSubSubscription(callback(1), TOPIC, "s1", 3600, T0);
    assertThat(first.expiresAt()).isEqualTo(T0.plusSeconds(3600));
    var renewed = store.saveWebSubSubscription(callback(1), TOPIC, null, 60, T0.plusSeconds(10));
    assertThat(renewed.id()).isEqualTo(first.id());
    assertThat(store.webSubSubscription(callback(1), TOPIC)).hasValueSatisfying(s -> {
      assertThat(s.secret()).isNull();
      assertThat(s.expiresAt()).isEqualTo(T0.plusSeconds(70));
      assertThat(s.createdAt()).isEqualTo(T0);
    });
    assertThat(store.deleteWebSubSubscription(callback(1), TOPIC)).isTrue();
    assertThat(store.deleteWebSubSubscription(callback(1), TOPIC)).isFalse();
    assertThat(store.webSubSubscription(callback(1), TOPIC)).isEmpty();
  }

  @Test
  void queuingReachesLiveSubscriptionsOfTheTopicOnceWhileOneIsPending() {
    CallbackStore store = callbacks(open());
    store.saveWebSubSubscription(callback(1), TOPIC, "secret", 3600, T0);
    store.saveWebSubSubscription(callback(2), TOPIC, null, 10, T0);
    store.saveWebSubSubscription(callback(3), "https://news.example/other.atom", null, 3600, T0);
    assertThat(store.queueWebSubDeliveries(null, 0, 0, List.of(TOPIC), T0.plusSeconds(20))).isTrue();
    assertThat(store.queueWebSubDeliveries(null, 0, 0, List.of(TOPIC), T0.plusSeconds(21))).isTrue();
    var claimed = store.claimCallbackDeliveries("a", T0.plusSeconds(30), LEASE, 10);
    assertThat(claimed).singleElement().satisfies(d -> {
      assertThat(d.url()).isEqualTo(callback(1));
      assertThat(d.topic()).isEqualTo(TOPIC);
      assertThat(d.secret()).isEqualTo("secret");
      assertThat(d.kind()).isEqualTo(CallbackDelivery.WEBSUB);
      assertThat(d.giveUpAt()).isEqualTo(T0.plusSeconds(3600));
      assertThat(d.attempts()).isEqualTo(1);
    });
    // In flight is not pending: a change now is another delivery, sent after this one.
    store.queueWebSubDeliveries(null, 0, 0, List.of(TOPIC), T0.plusSeconds(31));
    assertThat(store.callbackDeliveryCounts()).containsEntry("pending", 1L).containsEntry("in_flight", 1L);
  }

  @Test
  void theCursorMovesOnlyFromWhereItWasReadSoOneNodeQueuesEachEvent() {
    CallbackStore a = callbacks(open());
    CallbackStore b = callbacks(open());
    a.saveWebSubSubscription(callback(1), TOPIC, null, 3600, T0);
    assertThat(a.callbackCursor("websub", 5)).isEqualTo(5);
    assertThat(b.callbackCursor("websub", 9)).as("set once").isEqualTo(5);
    assertThat(a.queueWebSubDeliveries("websub", 5, 8, List.of(TOPIC), T0)).isTrue();
    assertThat(b.queueWebSubDeliveries("websub", 5, 8, List.of(TOPIC), T0)).isFalse();
    assertThat(b.callbackCursor("websub", 0)).isEqualTo(8);
    assertThat(a.callbackDeliveryCounts()).containsEntry("pending", 1L);
  }

  @Test
  void twoNodesClaimingAtOnceNeverHandOutOneDeliveryTwice() throws Exception {
    CallbackStore a = callbacks(open());
    CallbackStore b = callbacks(open());
    int subscriptions = 150;
    for (int i = 0; i < subscriptions; i++) a.saveWebSubSubscription(callback(i), TOPIC, null, 3600, T0);
    a.queueWebSubDeliveries(null, 0, 0, List.of(TOPIC), T0);
    var claimed = new ConcurrentLinkedQueue<Long>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      var futures = new ArrayList<Future<?>>();
      for (CallbackStore node : List.of(a, b, a, b)) {
        String name = node == a ? "a" : "b";
        futures.add(pool.submit(() -> {
          for (List<CallbackDelivery> got; !(got = node.claimCallbackDeliveries(name, T0, LEASE, 7)).isEmpty(); ) {
            for (CallbackDelivery d : got) claimed.add(d.id());
          }
          return null;
        }));
      }
      for (var f : futures) f.get(60, TimeUnit.SECONDS);
    }
    assertThat(claimed).hasSize(subscriptions).doesNotHaveDuplicates();
  }

  @Test
  void aDeadNodesClaimIsTakenOverAfterItsLeaseAndItsLateResultIgnored() {
    CallbackStore a = callbacks(open());
    CallbackStore b = callbacks(open());
    a.saveWebSubSubscription(callback(1), TOPIC, null, 3600, T0);
    a.queueWebSubDeliveries(null, 0, 0, List.of(TOPIC), T0);
    var byA = a.claimCallbackDeliveries("a", T0, LEASE, 10);
    assertThat(b.claimCallbackDeliveries("b", T0.plus(LEASE).minusMillis(1), LEASE, 10)).isEmpty();
    assertThat(b.nextCallbackDue()).hasValue(T0.plus(LEASE));
    var byB = b.claimCallbackDeliveries("b", T0.plus(LEASE), LEASE, 10);
    assertThat(byB).singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
    a.completeCallbackDeliveries("a", List.of(done(byA.get(0), State.SENT, T0.plus(LEASE), null)));
    assertThat(a.callbackDeliveryCounts()).containsEntry("in_flight", 1L).containsEntry("sent", 0L);
    b.completeCallbackDeliveries("b", List.of(done(byB.get(0), State.SENT, T0.plus(LEASE), null)));
    assertThat(a.callbackDeliveryCounts()).containsEntry("sent", 1L);
  }

  @Test
  void aRestartedNodeTakesBackItsOwnClaimsAndRetriesFallDueLater() {
    CallbackStore store = callbacks(open());
    store.saveWebSubSubscription(callback(1), TOPIC, null, 3600, T0);
    store.saveWebSubSubscription(callback(2), TOPIC, null, 3600, T0);
    store.queueWebSubDeliveries(null, 0, 0, List.of(TOPIC), T0);
    var claimed = store.claimCallbackDeliveries("a", T0, LEASE, 10);
    assertThat(claimed).hasSize(2);
    assertThat(store.releaseCallbackClaims("other")).isZero();
    assertThat(store.releaseCallbackClaims("a")).isEqualTo(2);
    var again = store.claimCallbackDeliveries("a", T0, LEASE, 10);
    store.completeCallbackDeliveries("a", List.of(done(again.get(0), State.RETRY, T0, T0.plusSeconds(30)),
        done(again.get(1), State.FAILED, T0, null)));
    assertThat(store.claimCallbackDeliveries("a", T0.plusSeconds(29), LEASE, 10)).isEmpty();
    assertThat(store.claimCallbackDeliveries("a", T0.plusSeconds(30), LEASE, 10)).singleElement()
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(3));
  }

  @Test
  void goneEndsTheSubscriptionAndPruningDropsExpiredOnes() {
    CallbackStore store = callbacks(open());
    store.saveWebSubSubscription(callback(1), TOPIC, null, 3600, T0);
    store.saveWebSubSubscription(callback(2), TOPIC, null, 60, T0);
    store.queueWebSubDeliveries(null, 0, 0, List.of(TOPIC), T0);
    var claimed = store.claimCallbackDeliveries("a", T0, LEASE, 10);
    var toOne = claimed.stream().filter(d -> d.url().equals(callback(1))).findFirst().orElseThrow();
    store.completeCallbackDeliveries("a", List.of(new CallbackCompletion(toOne.id(), State.GONE, 410, null, T0)));
    assertThat(store.webSubSubscription(callback(1), TOPIC)).isEmpty();
    assertThat(store.pruneCallbacks(T0.plusSeconds(61), T0)).isPositive();
    assertThat(store.webSubSubscription(callback(2), TOPIC)).isEmpty();
    store.queueWebSubDeliveries(null, 0, 0, List.of(TOPIC), T0.plusSeconds(62));
    assertThat(store.callbackDeliveryCounts()).containsEntry("pending", 0L);
  }

  @Test
  void webhooksGetEveryQueuedBodyInOrderUntilDeletedAnd410EndsOne() {
    CallbackStore store = callbacks(open());
    var one = store.saveWebhook("https://hooks.example/1", "whsec_a", T0);
    var two = store.saveWebhook("https://hooks.example/2", "whsec_b", T0);
    assertThat(store.webhooks()).containsExactly(one, two);
    assertThat(store.callbackCursor("webhooks", 0)).isZero();
    assertThat(store.queueWebhookDeliveries("webhooks", 0, 2, bodies(T0, "{\"n\":1}", "{\"n\":2}"), T0, T0.plusSeconds(60)))
        .isTrue();
    assertThat(store.queueWebhookDeliveries("webhooks", 0, 2, bodies(T0, "{}"), T0, T0.plusSeconds(60))).isFalse();
    var claimed = store.claimCallbackDeliveries("a", T0, LEASE, 10);
    assertThat(claimed).extracting(CallbackDelivery::kind).containsOnly(CallbackDelivery.WEBHOOK);
    assertThat(claimed.stream().filter(d -> d.url().endsWith("/1")).map(CallbackDelivery::body))
        .containsExactly("{\"n\":1}", "{\"n\":2}");
    assertThat(claimed).allSatisfy(d -> assertThat(d.giveUpAt()).isEqualTo(T0.plusSeconds(60)));
    var toTwo = claimed.stream().filter(d -> d.url().endsWith("/2")).findFirst().orElseThrow();
    store.completeCallbackDeliveries("a", List.of(new CallbackCompletion(toTwo.id(), State.GONE, 410, null, T0)));
    assertThat(store.webhooks()).containsExactly(one);
    assertThat(store.deleteWebhook(one.id())).isTrue();
    assertThat(store.webhooks()).isEmpty();
    assertThat(store.callbackDeliveryCounts()).containsEntry("in_flight", 0L);
  }

  @Test
  void anySubscribersTellsWhetherAWebhookOrAWebSubSubscriptionIsRegistered() {
    CallbackStore store = callbacks(open());
    assertThat(store.anySubscribers(CallbackDelivery.WEBHOOK)).isFalse();
    assertThat(store.anySubscribers(CallbackDelivery.WEBSUB)).isFalse();
    var hook = store.saveWebhook("https://hooks.example/1", "whsec_a", T0);
    assertThat(store.anySubscribers(CallbackDelivery.WEBHOOK)).isTrue();
    assertThat(store.anySubscribers(CallbackDelivery.WEBSUB)).isFalse();
    store.saveWebSubSubscription(callback(1), TOPIC, null, 3600, T0);
    assertThat(store.anySubscribers(CallbackDelivery.WEBSUB)).isTrue();
    store.deleteWebhook(hook.id());
    store.deleteWebSubSubscription(callback(1), TOPIC);
    assertThat(store.anySubscribers(CallbackDelivery.WEBHOOK)).isFalse();
    assertThat(store.anySubscribers(CallbackDelivery.WEBSUB)).isFalse();
  }

  @Test
  void aWebhookGetsOnlyEventsFromWhenItWasRegisteredHoweverLateTheyAreQueued() {
    CallbackStore store = callbacks(open());
    var early = store.saveWebhook("https://hooks.example/early", "whsec_a", T0);
    var late = store.saveWebhook("https://hooks.example/late", "whsec_b", T0.plusSeconds(10));
    store.callbackCursor("webhooks", 0);
    // Queued after both exist, as a dispatcher that has fallen behind would: the first event came before `late`.
    store.queueWebhookDeliveries("webhooks", 0, 2, List.of(new WebhookBody("{\"n\":1}", T0.plusSeconds(5)),
        new WebhookBody("{\"n\":2}", T0.plusSeconds(10))), T0.plusSeconds(11), T0.plusSeconds(600));
    var claimed = store.claimCallbackDeliveries("a", T0.plusSeconds(11), LEASE, 10);
    assertThat(claimed.stream().filter(d -> d.subscriptionId() == early.id()).map(CallbackDelivery::body))
        .containsExactly("{\"n\":1}", "{\"n\":2}");
    assertThat(claimed.stream().filter(d -> d.subscriptionId() == late.id()).map(CallbackDelivery::body))
        .containsExactly("{\"n\":2}");
  }

  private static List<WebhookBody> bodies(Instant at, String... json) {
    return java.util.Arrays.stream(json).map(j -> new WebhookBody(j, at)).toList();
  }

  @Test
  void aWebhooksActivityCountsItsDeliveriesAndNamesItsLastFinishedAttempt() {
    CallbackStore store = callbacks(open());
    var one = store.saveWebhook("https://hooks.example/1", "whsec_a", T0);
    var two = store.saveWebhook("https://hooks.example/2", "whsec_b", T0);
    assertThat(store.webhookActivity()).isEmpty();
    store.callbackCursor("webhooks", 0);
    store.queueWebhookDeliveries("webhooks", 0, 3, bodies(T0, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}"), T0,
        T0.plusSeconds(600));
    assertThat(store.webhookActivity().get(one.id())).isEqualTo(new WebhookActivity(one.id(), 0, 3, 0, null, 0));

    var toOne = store.claimCallbackDeliveries("a", T0, LEASE, 10).stream().filter(d -> d.url().endsWith("/1")).toList();
    store.completeCallbackDeliveries("a", List.of(
        new CallbackCompletion(toOne.get(0).id(), State.SENT, 204, null, T0.plusSeconds(1)),
        new CallbackCompletion(toOne.get(1).id(), State.FAILED, 500, null, T0.plusSeconds(2)),
        new CallbackCompletion(toOne.get(2).id(), State.RETRY, 0, T0.plusSeconds(60), T0.plusSeconds(3))));
    assertThat(callbacks(open()).webhookActivity().get(one.id()))
        .isEqualTo(new WebhookActivity(one.id(), 1, 1, 1, T0.plusSeconds(3), 0));
    // Two's deliveries are still on the wire: counted as waiting, no attempt finished yet.
    assertThat(store.webhookActivity().get(two.id())).isEqualTo(new WebhookActivity(two.id(), 0, 3, 0, null, 0));
    store.deleteWebhook(two.id());
    assertThat(store.webhookActivity()).containsOnlyKeys(one.id());
  }

  // ---- WebSub requests waiting for their verification of intent

  @Test
  void aRequestIsKeptUntilVerifiedAndAConfirmedSubscribeTakesEffectWhenItIsDropped() {
    CallbackStore a = callbacks(open());
    CallbackStore b = callbacks(open());
    var intent = a.saveWebSubIntent(WebSubIntent.SUBSCRIBE, callback(1), TOPIC, "s", 600, T0);
    assertThat(b.nextWebSubIntentDue()).hasValue(T0);
    var claimed = a.claimWebSubIntents("a", T0, LEASE, 10);
    assertThat(claimed).containsExactly(intent);
    assertThat(b.claimWebSubIntents("b", T0.plusSeconds(1), LEASE, 10)).as("leased to a").isEmpty();
    assertThat(a.webSubSubscription(callback(1), TOPIC)).as("not before it is verified").isEmpty();

    a.completeWebSubIntents("a", List.of(new WebSubVerification(claimed.get(0), true, T0.plusSeconds(5))));
    assertThat(b.webSubSubscription(callback(1), TOPIC)).hasValueSatisfying(sub -> {
      assertThat(sub.secret()).isEqualTo("s");
      assertThat(sub.expiresAt()).isEqualTo(T0.plusSeconds(605));
    });
    assertThat(b.nextWebSubIntentDue()).isEmpty();
    assertThat(b.claimWebSubIntents("b", T0.plus(LEASE).plusSeconds(1), LEASE, 10)).isEmpty();
  }

  @Test
  void requestsForOneCallbackAndTopicTakeEffectInTheOrderTheyWereMade() {
    CallbackStore store = callbacks(open());
    store.saveWebSubSubscription(callback(1), TOPIC, null, 3600, T0);
    var renew = store.saveWebSubIntent(WebSubIntent.SUBSCRIBE, callback(1), TOPIC, null, 60, T0);
    var leave = store.saveWebSubIntent(WebSubIntent.UNSUBSCRIBE, callback(1), TOPIC, null, 60, T0);
    var other = store.saveWebSubIntent(WebSubIntent.SUBSCRIBE, callback(2), TOPIC, null, 60, T0);
    var first = store.claimWebSubIntents("a", T0, LEASE, 10);
    assertThat(first).containsExactly(renew, other);
    store.completeWebSubIntents("a", List.of(new WebSubVerification(renew, false, T0),
        new WebSubVerification(other, true, T0)));
    assertThat(store.webSubSubscription(callback(1), TOPIC)).as("refused: left as it was")
        .hasValueSatisfying(sub -> assertThat(sub.expiresAt()).isEqualTo(T0.plusSeconds(3600)));
    assertThat(store.webSubSubscription(callback(2), TOPIC)).isPresent();
    assertThat(store.claimWebSubIntents("a", T0, LEASE, 10)).containsExactly(leave);
    store.completeWebSubIntents("a", List.of(new WebSubVerification(leave, true, T0)));
    assertThat(store.webSubSubscription(callback(1), TOPIC)).isEmpty();
  }

  @Test
  void aRequestClaimedByADeadNodeIsVerifiedAgainAndItsLateResultIgnored() {
    CallbackStore a = callbacks(open());
    CallbackStore b = callbacks(open());
    var intent = a.saveWebSubIntent(WebSubIntent.SUBSCRIBE, callback(1), TOPIC, null, 600, T0);
    assertThat(a.claimWebSubIntents("a", T0, LEASE, 10)).hasSize(1);
    // a restarts under its name: its claims come back at once
    assertThat(a.releaseWebSubIntentClaims("a")).isEqualTo(1);
    assertThat(a.claimWebSubIntents("a", T0.plusSeconds(1), LEASE, 10)).containsExactly(intent);
    // a dies for good: b takes the request over once the lease has run out
    assertThat(b.claimWebSubIntents("b", T0.plusSeconds(1).plus(LEASE).minusMillis(1), LEASE, 10)).isEmpty();
    assertThat(b.claimWebSubIntents("b", T0.plusSeconds(1).plus(LEASE), LEASE, 10)).containsExactly(intent);
    a.completeWebSubIntents("a", List.of(new WebSubVerification(intent, true, T0.plusSeconds(2))));
    assertThat(a.webSubSubscription(callback(1), TOPIC)).as("a's late result counts for nothing").isEmpty();
    b.completeWebSubIntents("b", List.of(new WebSubVerification(intent, true, T0.plus(LEASE))));
    assertThat(a.webSubSubscription(callback(1), TOPIC)).isPresent();
  }
}
