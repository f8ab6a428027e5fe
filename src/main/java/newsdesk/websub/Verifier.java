package newsdesk.websub;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import newsdesk.callbacks.CallbackHttp;
import newsdesk.callbacks.CallbackRefused;
import newsdesk.outbox.LeasedQueue;
import newsdesk.outbox.Outbox;
import newsdesk.store.CallbackStore;
import newsdesk.store.WebSubIntent;
import newsdesk.store.WebSubVerification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification of intent (§5.3): before a (un)subscription takes effect the hub GETs the callback
 * with {@code hub.mode}, {@code hub.topic}, a random {@code hub.challenge} and, to subscribe,
 * {@code hub.lease_seconds}; only a 2xx whose body is exactly the challenge confirms it. So an
 * unverified re-subscription changes nothing and the existing subscription runs on.
 *
 * <p>Requests are kept in the store before the hub answers 202 and verified from there by the
 * shared {@link Outbox} loop (decision 0145): a restart loses none, of several nodes one verifies
 * each (a claim is leased), and the outcome is applied in the transaction that drops the request.
 * One that was being verified when its node died is verified again, with a new challenge.
 */
final class Verifier {
  private static final Logger log = LoggerFactory.getLogger(Verifier.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  static final Outbox.Settings SETTINGS = new Outbox.Settings(16, 16, Duration.ofMinutes(2), Duration.ofMillis(250));

  private final CallbackHttp http;
  private final Clock clock;
  private final Outbox<WebSubIntent, WebSubVerification> outbox;

  Verifier(CallbackHttp http, CallbackStore store, String node, Clock clock) {
    this.http = http;
    this.clock = clock;
    this.outbox = new Outbox<>("verification", LeasedQueue.of(store::releaseWebSubIntentClaims,
        store::nextWebSubIntentDue, store::claimWebSubIntents, store::completeWebSubIntents), node, this::verify,
        v -> false, SETTINGS, clock);
  }

  void start() {
    outbox.start();
  }

  /** A request was stored: verify it now rather than at the next poll. */
  void wake() {
    outbox.wake();
  }

  void stop(Duration grace) {
    outbox.stop(grace);
  }

  /** Asks the subscriber; how it ended, or null when stopped half-way (the intent is verified again later). Blocks. */
  WebSubVerification verify(WebSubIntent intent) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    var query = new StringBuilder();
    param(query, "hub.mode", intent.mode());
    param(query, "hub.topic", intent.topic());
    param(query, "hub.challenge", challenge);
    if (intent.mode().equals(WebSubIntent.SUBSCRIBE)) param(query, "hub.lease_seconds", Long.toString(intent.leaseSeconds()));
    URI callback = URI.create(intent.callback());
    URI uri = URI.create(intent.callback() + (callback.getRawQuery() == null ? "?" : "&") + query);
    boolean confirmed = false;
    try {
      var res = http.get(uri);
      confirmed = res.status() / 100 == 2 && challenge.equals(res.body());
      log.info("{} {} (status {})", intent, confirmed ? "verified" : "not confirmed by the subscriber", res.status());
    } catch (CallbackRefused e) {
      log.info("{} not verified: {}", intent, e.getMessage());
    } catch (java.io.IOException e) {
      log.info("{} not verified: {}", intent, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null; // the node is stopping: the claim stays, and the intent is verified again
    }
    return new WebSubVerification(intent, confirmed, clock.instant());
  }

  private static void param(StringBuilder q, String name, String value) {
    if (!q.isEmpty()) q.append('&');
    q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }
}
