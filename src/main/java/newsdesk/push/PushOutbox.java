package newsdesk.push;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import newsdesk.outbox.LeasedQueue;
import newsdesk.outbox.Outbox;
import newsdesk.store.PushCompletion;
import newsdesk.store.PushCompletion.State;
import newsdesk.store.PushDelivery;
import newsdesk.store.PushStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the durable push outbox with the shared {@link Outbox} loop: claims due deliveries, sends
 * each on its own virtual thread, and records how each ended.
 *
 * <p>Delivery guarantee, honestly: a claim is committed ({@code in_flight}) before the request
 * goes out, and the outcome after the push service answered. Completions are written in small
 * groups (one commit per few milliseconds of answers, not one per message), so after a crash the
 * deliveries left {@code in_flight} are the ones that were on the wire or answered in the last few
 * milliseconds: at most {@code maxInFlight} plus one group. Those are sent again — by this node
 * when it starts again under the same name, by any other node once their {@link #CLAIM_LEASE} has
 * run out — at least once, never lost. A repeat carries the same {@code Topic} header (a push service replaces
 * a waiting message with the same topic) and the same notification {@code tag} (the browser
 * replaces the notification), so the reader still sees one alert. Everything else is sent exactly
 * once: the (alert, subscription) key admits one delivery, and a {@code sent} row is never claimed.
 */
public final class PushOutbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PushOutbox.class);
  static final int CLAIM_BATCH = 256;
  /**
   * How long a claim is this node's alone: well beyond a send (the sender gives up after its
   * request timeout, 30 s as the server wires it) and its recording, so a live node's claim is
   * never taken over; a dead node's is, this long after it claimed.
   */
  static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
  static final Duration IDLE_POLL = Duration.ofMillis(200);

  private final PushSender sender;
  private final RetryPolicy policy;
  private final PushMetrics metrics;
  private final Clock clock;
  private final Outbox<PushDelivery, PushCompletion> outbox;

  /** @param node this node's name, the same across its restarts and unique among the nodes on one store */
  public PushOutbox(PushStore store, String node, PushSender sender, PushSettings settings, PushMetrics metrics,
      Clock clock) {
    this.sender = sender;
    this.policy = new RetryPolicy(settings.maxAttempts(), settings.baseBackoff(), settings.maxBackoff());
    this.metrics = metrics;
    this.clock = clock;
    this.outbox = new Outbox<>("push", LeasedQueue.of(store::releasePushClaims, store::nextPushDue,
        store::claimPushDeliveries, store::completePushDeliveries), node, this::deliver, c -> c.state() == State.RETRY,
        new Outbox.Settings(settings.maxInFlight(), CLAIM_BATCH, CLAIM_LEASE, IDLE_POLL), clock);
  }

  /** Hands back what this node's previous process left in flight, then starts draining. */
  public PushOutbox start() {
    outbox.start();
    return this;
  }

  /** New deliveries were committed: look now rather than at the next poll. */
  public void wake() {
    outbox.wake();
  }

  private PushCompletion deliver(PushDelivery d) {
    Instant now = clock.instant();
    PushCompletion done;
    try {
      if (d.alertCreatedAt().plusSeconds(d.ttlSeconds()).isBefore(now)) {
        // Past its TTL the push service would drop it anyway; a stale alert is worse than none.
        metrics.failed();
        done = new PushCompletion(d.alertId(), d.subscriptionId(), State.FAILED, 0, null, now);
      } else {
        var target = PushTarget.of(d.endpoint(), d.p256dh(), d.auth());
        var message = new PushMessage(d.payload().getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(d.ttlSeconds()),
            Urgency.parse(d.urgency()), d.topicHeader());
        long start = System.nanoTime();
        PushResult r = sender.send(target, message);
        Instant after = clock.instant();
        var decision = policy.decide(r, d.attempts(), after);
        switch (decision.state()) {
          case SENT -> metrics.sent(Duration.ofNanos(System.nanoTime() - start));
          case GONE -> {
            metrics.expired();
            log.info("push subscription {} is gone ({}); removing it", d.subscriptionId(), r.status());
          }
          case RETRY -> metrics.retried();
          case FAILED -> {
            metrics.failed();
            log.warn("push to subscription {} failed for good after {} attempt(s): {} {}", d.subscriptionId(),
                d.attempts(), r.status(), r.detail());
          }
        }
        done = new PushCompletion(d.alertId(), d.subscriptionId(), decision.state(), r.status(), decision.nextAttemptAt(), after);
      }
    } catch (RuntimeException e) {
      // A subscription the store holds but we cannot use (it was checked on the way in, so this is a bug).
      log.error("push delivery {}/{} could not be attempted", d.alertId(), d.subscriptionId(), e);
      metrics.failed();
      done = new PushCompletion(d.alertId(), d.subscriptionId(), State.FAILED, 0, null, now);
    }
    return done;
  }

  /** Deliveries waiting for a free slot or an answer right now. */
  public int inFlight() {
    return outbox.inFlight();
  }

  /** Stops claiming, lets sends on the wire finish (up to {@code grace}), records their results. */
  public void stop(Duration grace) {
    outbox.stop(grace);
  }

  /** Stops at once, as a crash would: nothing more is recorded. For tests of the restart path. */
  void halt() {
    outbox.halt();
  }

  @Override
  public void close() {
    outbox.close();
  }
}
