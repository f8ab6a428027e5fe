package newsdesk.websub;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import newsdesk.callbacks.CallbackHttp;
import newsdesk.callbacks.CallbackRefused;
import newsdesk.store.CallbackStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification of intent (§5.3): before a (un)subscription takes effect the hub GETs the callback
 * with {@code hub.mode}, {@code hub.topic}, a random {@code hub.challenge} and, to subscribe,
 * {@code hub.lease_seconds}; only a 2xx whose body is exactly the challenge confirms it. So an
 * unverified re-subscription changes nothing and the existing subscription runs on.
 */
final class Verifier {
  private static final Logger log = LoggerFactory.getLogger(Verifier.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CallbackHttp http;
  private final CallbackStore store;
  private final ExecutorService executor;
  private final Clock clock;

  /** A request the hub accepted (202) and now verifies. */
  record Intent(String mode, URI callback, String topic, String secret, long leaseSeconds) {
    @Override
    public String toString() {
      return "Intent[" + mode + " " + callback + " to " + topic + "]"; // never the secret
    }
  }

  Verifier(CallbackHttp http, CallbackStore store, ExecutorService executor, Clock clock) {
    this.http = http;
    this.store = store;
    this.executor = executor;
    this.clock = clock;
  }

  void verifyLater(Intent intent) {
    executor.execute(() -> verify(intent));
  }

  /** Verifies {@code intent} and applies it when confirmed; true if it was. Blocks. */
  boolean verify(Intent intent) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    var query = new StringBuilder();
    param(query, "hub.mode", intent.mode());
    param(query, "hub.topic", intent.topic());
    param(query, "hub.challenge", challenge);
    if (intent.mode().equals("subscribe")) param(query, "hub.lease_seconds", Long.toString(intent.leaseSeconds()));
    String base = intent.callback().toString();
    URI uri = URI.create(base + (intent.callback().getRawQuery() == null ? "?" : "&") + query);
    try {
      var res = http.get(uri);
      if (res.status() / 100 != 2 || !challenge.equals(res.body())) {
        log.info("{} not confirmed by the subscriber (status {})", intent, res.status());
        return false;
      }
    } catch (CallbackRefused e) {
      log.info("{} not verified: {}", intent, e.getMessage());
      return false;
    } catch (java.io.IOException e) {
      log.info("{} not verified: {}", intent, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (intent.mode().equals("subscribe")) {
      store.saveWebSubSubscription(intent.callback().toString(), intent.topic(), intent.secret(), intent.leaseSeconds(),
          clock.instant());
    } else {
      store.deleteWebSubSubscription(intent.callback().toString(), intent.topic());
    }
    log.info("{} verified", intent);
    return true;
  }

  private static void param(StringBuilder q, String name, String value) {
    if (!q.isEmpty()) q.append('&');
    q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }
}
