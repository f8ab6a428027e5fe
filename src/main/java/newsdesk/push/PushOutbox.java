package newsdesk.push;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import newsdesk.store.PushCompletion;
import newsdesk.store.PushCompletion.State;
import newsdesk.store.PushDelivery;
import newsdesk.store.PushStore;
import newsdesk.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the durable outbox: claims due deliveries, sends each on its own virtual thread, and
 * records how each ended.
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

  private final PushStore store;
  private final String node;
  private final PushSender sender;
  private final RetryPolicy policy;
  private final PushMetrics metrics;
  private final Clock clock;
  private final Semaphore inFlight;
  private final int maxInFlight;
  private final ExecutorService senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("push-send-", 0).factory());
  private final LinkedBlockingQueue<PushCompletion> completions = new LinkedBlockingQueue<>();
  private final Object wake = new Object();
  private final AtomicBoolean storeAway = new AtomicBoolean();
  private volatile boolean running;
  private boolean woken;
  private Thread claimer;
  private Thread recorder;

  /** @param node this node's name, the same across its restarts and unique among the nodes on one store */
  public PushOutbox(PushStore store, String node, PushSender sender, PushSettings settings, PushMetrics metrics,
      Clock clock) {
    this.store = store;
    this.node = node;
    this.sender = sender;
    this.policy = new RetryPolicy(settings.maxAttempts(), settings.baseBackoff(), settings.maxBackoff());
    this.metrics = metrics;
    this.clock = clock;
    this.maxInFlight = settings.maxInFlight();
    this.inFlight = new Semaphore(maxInFlight);
  }

  /** Hands back what this node's previous process left in flight, then starts draining. */
  public PushOutbox start() {
    int released = store.releasePushClaims(node);
    if (released > 0) log.info("{} push deliveries were in flight when the server stopped; sending them again", released);
    running = true;
    claimer = Thread.ofVirtual().name("push-outbox").start(this::claimLoop);
    recorder = Thread.ofVirtual().name("push-record").start(this::recordLoop);
    return this;
  }

  /** New deliveries were committed: look now rather than at the next poll. */
  public void wake() {
    synchronized (wake) {
      woken = true;
      wake.notifyAll();
    }
  }

  private void claimLoop() {
    while (running) {
      try {
        int room = inFlight.availablePermits();
        List<PushDelivery> batch = room == 0 || !anythingDue() ? List.of()
            : store.claimPushDeliveries(node, clock.instant(), CLAIM_LEASE, Math.min(room, CLAIM_BATCH));
        storeAnswered();
        for (PushDelivery d : batch) {
          inFlight.acquire();
          senders.execute(() -> deliver(d));
        }
        if (batch.size() < CLAIM_BATCH || room == 0) idle();
      } catch (InterruptedException e) {
        return;
      } catch (StoreUnavailableException e) {
        storeOutOfReach();
        sleepQuietly(Duration.ofSeconds(1));
      } catch (RuntimeException e) {
        log.warn("claiming push deliveries failed; trying again shortly", e);
        sleepQuietly(Duration.ofSeconds(1));
      }
    }
  }

  /**
   * A claim is a write transaction. Polled blindly, an idle server ran five a second, each holding
   * the store's single writer for half a millisecond that a publish could be waiting on; a read
   * takes no writer.
   */
  private boolean anythingDue() {
    return store.nextPushDue().filter(due -> !due.isAfter(clock.instant())).isPresent();
  }

  /** Waits for a wake-up, the next due retry, or the poll interval, whichever is first. */
  private void idle() throws InterruptedException {
    long waitMs = IDLE_POLL.toMillis();
    if (inFlight.availablePermits() > 0) {
      var due = store.nextPushDue();
      if (due.isPresent()) waitMs = Math.min(waitMs, Math.max(0, Duration.between(clock.instant(), due.get()).toMillis()));
    } else {
      waitMs = 5; // full: check again as soon as some sends finish
    }
    synchronized (wake) {
      if (!woken && waitMs > 0) wake.wait(waitMs);
      woken = false;
    }
  }

  private void deliver(PushDelivery d) {
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
    completions.add(done);
  }

  private void recordLoop() {
    var group = new ArrayList<PushCompletion>();
    while (running || !completions.isEmpty()) {
      try {
        PushCompletion first = completions.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        group.add(first);
        completions.drainTo(group, 4_096);
        store.completePushDeliveries(node, group);
        for (int i = 0; i < group.size(); i++) inFlight.release();
        if (group.stream().anyMatch(c -> c.state() == State.RETRY)) wake();
        group.clear();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (e instanceof StoreUnavailableException) storeOutOfReach();
        else log.warn("recording push results failed; retrying", e);
        completions.addAll(group); // nothing was committed: put them back
        group.clear();
        sleepQuietly(Duration.ofMillis(500));
      }
    }
  }

  /**
   * The store is out of reach: say once that deliveries pause (the store itself warns of the
   * outage), not a stack trace per retry. What was claimed stays leased; what was sent is recorded
   * once the store answers, or sent again after the lease if the outage outlasts it.
   */
  private void storeOutOfReach() {
    if (storeAway.compareAndSet(false, true)) log.info("push deliveries pause until the store answers again");
  }

  private void storeAnswered() {
    if (storeAway.get() && storeAway.compareAndSet(true, false)) log.info("push deliveries resume");
  }

  /** Deliveries waiting for a free slot or an answer right now. */
  public int inFlight() {
    return maxInFlight - inFlight.availablePermits();
  }

  /** Stops claiming, lets sends on the wire finish (up to {@code grace}), records their results. */
  public void stop(Duration grace) {
    if (!running) return;
    running = false;
    claimer.interrupt();
    senders.shutdown();
    try {
      claimer.join(grace.toMillis());
      senders.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
      recorder.join(grace.toMillis() + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
  }

  /** Stops at once, as a crash would: nothing more is recorded. For tests of the restart path. */
  void halt() {
    running = false;
    claimer.interrupt();
    recorder.interrupt();
    senders.shutdownNow();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
