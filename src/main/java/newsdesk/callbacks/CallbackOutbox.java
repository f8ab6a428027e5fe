package newsdesk.callbacks;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import newsdesk.store.CallbackCompletion;
import newsdesk.store.CallbackCompletion.State;
import newsdesk.store.CallbackDelivery;
import newsdesk.store.CallbackStore;
import newsdesk.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the callback outbox as the push outbox drains its own (decision 0102): claims due
 * deliveries under a lease, sends each on its own virtual thread, records how it ended. A 2xx is
 * delivered; 410 ends the subscription; anything else (or no answer) is tried again with jittered
 * exponential back-off until the delivery's give-up time (a WebSub lease's end). A claim is
 * committed before the request goes out, so a crash leaves only what was on the wire to be sent
 * again (at least once); the rest is sent exactly once.
 */
public final class CallbackOutbox {
  private static final Logger log = LoggerFactory.getLogger(CallbackOutbox.class);
  static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
  static final Duration IDLE_POLL = Duration.ofMillis(250);
  static final int MAX_IN_FLIGHT = 64;
  static final int MAX_ATTEMPTS = 40;

  private final CallbackStore store;
  private final String node;
  private final CallbackHttp http;
  private final Map<String, CallbackRenderer> renderers;
  private final Duration firstRetry;
  private final Duration maxRetry;
  private final Clock clock;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final ExecutorService senders =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("callback-send-", 0).factory());
  private final Object wake = new Object();
  private boolean woken;
  private volatile boolean running;
  private Thread claimer;

  /**
   * @param node this node's name, the same across its restarts and unique among the nodes on one store
   * @param renderers by delivery kind ({@link CallbackDelivery#WEBSUB}, {@link CallbackDelivery#WEBHOOK})
   */
  public CallbackOutbox(CallbackStore store, String node, CallbackHttp http, Map<String, CallbackRenderer> renderers,
      Duration firstRetry, Duration maxRetry, Clock clock) {
    this.store = store;
    this.node = node;
    this.http = http;
    this.renderers = Map.copyOf(renderers);
    this.firstRetry = firstRetry;
    this.maxRetry = maxRetry;
    this.clock = clock;
  }

  /** Hands back what this node's previous process left in flight, then starts draining. */
  public CallbackOutbox start() {
    int released = store.releaseCallbackClaims(node);
    if (released > 0) log.info("{} callback deliveries were in flight when the server stopped; sending them again", released);
    running = true;
    claimer = Thread.ofVirtual().name("callback-outbox").start(this::claimLoop);
    return this;
  }

  /** New deliveries were queued: look now rather than at the next poll. */
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
        Optional<Instant> due = store.nextCallbackDue();
        List<CallbackDelivery> batch = room == 0 || due.isEmpty() || due.get().isAfter(clock.instant()) ? List.of()
            : store.claimCallbackDeliveries(node, clock.instant(), CLAIM_LEASE, room);
        for (CallbackDelivery d : batch) {
          inFlight.acquire();
          senders.execute(() -> {
            try {
              record(deliver(d));
            } finally {
              inFlight.release();
            }
          });
        }
        if (batch.isEmpty()) idle(due);
      } catch (InterruptedException e) {
        return;
      } catch (StoreUnavailableException e) {
        sleepQuietly(Duration.ofSeconds(1)); // the store logs the outage once
      } catch (RuntimeException e) {
        log.warn("claiming callback deliveries failed; trying again shortly", e);
        sleepQuietly(Duration.ofSeconds(1));
      }
    }
  }

  private void idle(Optional<Instant> due) throws InterruptedException {
    long waitMs = IDLE_POLL.toMillis();
    if (due.isPresent()) waitMs = Math.min(waitMs, Math.max(1, Duration.between(clock.instant(), due.get()).toMillis()));
    synchronized (wake) {
      if (!woken) wake.wait(waitMs);
      woken = false;
    }
  }

  CallbackCompletion deliver(CallbackDelivery d) {
    Instant now = clock.instant();
    if (!now.isBefore(d.giveUpAt())) return done(d, State.FAILED, 0, null);
    CallbackRenderer renderer = renderers.get(d.kind());
    try {
      URI uri = CallbackAddresses.parse(d.url());
      Optional<CallbackRequest> request = renderer == null ? Optional.empty() : renderer.render(d);
      if (request.isEmpty()) return done(d, State.FAILED, 0, null);
      int status = http.post(uri, request.get());
      if (status >= 200 && status < 300) return done(d, State.SENT, status, null);
      if (status == 410) {
        log.info("callback {} answered 410 Gone; its subscription ends", d.url());
        return done(d, State.GONE, status, null);
      }
      return retry(d, status);
    } catch (CallbackRefused e) {
      log.warn("callback delivery {} refused: {}", d.id(), e.getMessage());
      return done(d, State.FAILED, 0, null);
    } catch (IOException e) {
      return retry(d, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return retry(d, 0);
    }
  }

  private CallbackCompletion retry(CallbackDelivery d, int status) {
    Instant next = clock.instant().plus(backoff(d.attempts()));
    if (d.attempts() >= MAX_ATTEMPTS || !next.isBefore(d.giveUpAt())) {
      log.warn("callback delivery {} to {} given up after {} attempt(s), last status {}", d.id(), d.url(), d.attempts(), status);
      return done(d, State.FAILED, status, null);
    }
    return done(d, State.RETRY, status, next);
  }

  private CallbackCompletion done(CallbackDelivery d, State state, int status, Instant next) {
    return new CallbackCompletion(d.id(), state, status, next, clock.instant());
  }

  private void record(CallbackCompletion done) {
    try {
      store.completeCallbackDeliveries(node, List.of(done));
      if (done.state() == State.RETRY) wake();
    } catch (RuntimeException e) {
      // Unrecorded, the claim's lease runs out and the delivery is sent again: at least once.
      log.warn("recording callback delivery {} failed; it will be sent again after its lease", done.id(), e);
    }
  }

  /** firstRetry · 2^(attempts−1), capped, then between half of that and all of it. */
  Duration backoff(int attempts) {
    long ms = firstRetry.toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
    if (ms <= 0 || ms > maxRetry.toMillis()) ms = maxRetry.toMillis();
    long half = ms / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ms - half + 1));
  }

  /** Stops claiming and lets sends on the wire finish, up to {@code grace}. */
  public void stop(Duration grace) {
    if (!running) return;
    running = false;
    claimer.interrupt();
    senders.shutdown();
    try {
      claimer.join(grace.toMillis());
      senders.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
