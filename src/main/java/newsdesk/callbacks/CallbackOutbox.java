package newsdesk.callbacks;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import newsdesk.outbox.Backoff;
import newsdesk.outbox.LeasedQueue;
import newsdesk.outbox.Outbox;
import newsdesk.store.CallbackCompletion;
import newsdesk.store.CallbackCompletion.State;
import newsdesk.store.CallbackDelivery;
import newsdesk.store.CallbackStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the callback outbox with the shared {@link Outbox} loop, as the push outbox does
 * (decision 0102): claims due deliveries under a lease, sends each on its own virtual thread,
 * records how it ended. A 2xx is delivered; 410 ends the subscription; anything else (or no
 * answer) is tried again with jittered exponential back-off until the delivery's give-up time (a
 * WebSub lease's end). A claim is committed before the request goes out, so a crash leaves only
 * what was on the wire to be sent again (at least once); the rest is sent exactly once.
 */
public final class CallbackOutbox {
  private static final Logger log = LoggerFactory.getLogger(CallbackOutbox.class);
  static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
  static final Duration IDLE_POLL = Duration.ofMillis(250);
  static final int MAX_IN_FLIGHT = 64;
  static final int MAX_ATTEMPTS = 40;

  private final CallbackHttp http;
  private final Map<String, CallbackRenderer> renderers;
  private final Duration firstRetry;
  private final Duration maxRetry;
  private final Clock clock;
  private final Outbox<CallbackDelivery, CallbackCompletion> outbox;

  /**
   * @param node this node's name, the same across its restarts and unique among the nodes on one store
   * @param renderers by delivery kind ({@link CallbackDelivery#WEBSUB}, {@link CallbackDelivery#WEBHOOK})
   */
  public CallbackOutbox(CallbackStore store, String node, CallbackHttp http, Map<String, CallbackRenderer> renderers,
      Duration firstRetry, Duration maxRetry, Clock clock) {
    this.http = http;
    this.renderers = Map.copyOf(renderers);
    this.firstRetry = firstRetry;
    this.maxRetry = maxRetry;
    this.clock = clock;
    this.outbox = new Outbox<>("callback", LeasedQueue.of(store::releaseCallbackClaims, store::nextCallbackDue,
        store::claimCallbackDeliveries, store::completeCallbackDeliveries), node, this::deliver,
        c -> c.state() == State.RETRY, new Outbox.Settings(MAX_IN_FLIGHT, MAX_IN_FLIGHT, CLAIM_LEASE, IDLE_POLL), clock);
  }

  /** Hands back what this node's previous process left in flight, then starts draining. */
  public CallbackOutbox start() {
    outbox.start();
    return this;
  }

  /** New deliveries were queued: look now rather than at the next poll. */
  public void wake() {
    outbox.wake();
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

  Duration backoff(int attempts) {
    return Backoff.jittered(firstRetry, maxRetry, attempts);
  }

  /** Stops claiming and lets sends on the wire finish, up to {@code grace}. */
  public void stop(Duration grace) {
    outbox.stop(grace);
  }
}
