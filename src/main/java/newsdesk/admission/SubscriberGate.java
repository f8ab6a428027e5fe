package newsdesk.admission;

import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;
import newsdesk.hub.Audience;

/**
 * Admits a subscribing request, on any transport: anonymous (public updates only, unless the
 * operator refuses anonymous subscribers) or with a subscriber JWT whose {@code mercure.subscribe}
 * selectors open private updates until its {@code exp}.
 */
public final class SubscriberGate {
  /** What an admitted subscriber may hear, and when its access ends (null: never). */
  public record Grant(Audience audience, Instant expiresAt) {}

  private final MercureAuth auth;
  private final MercureKey subscriberKey;
  private final boolean anonymous;

  /**
   * @param subscriberKey checks subscriber JWTs; null when none is configured, so only anonymous
   *     subscriptions can be admitted
   * @param anonymous whether a request without a token is admitted to public updates
   */
  public SubscriberGate(MercureAuth auth, MercureKey subscriberKey, boolean anonymous) {
    this.auth = auth;
    this.subscriberKey = subscriberKey;
    this.anonymous = anonymous;
  }

  /** The grant, or null after answering 401. */
  public Grant admit(HttpServerRequest req) {
    String token = MercureAuth.tokenOf(req);
    if (token == null) {
      if (anonymous) return new Grant(Audience.PUBLIC, null);
      unauthorized(req, "this hub does not take anonymous subscribers; send a JWT");
      return null;
    }
    try {
      MercureToken granted = auth.verify(token, subscriberKey);
      return new Grant(Audience.granted(granted.subscribe()), granted.expiresAt());
    } catch (MercureAuth.Invalid e) {
      unauthorized(req, e.getMessage());
      return null;
    }
  }

  /** Answers 401 for a missing or refused Mercure JWT, a subscriber's or a publisher's. */
  public static void unauthorized(HttpServerRequest req, String detail) {
    req.response().putHeader("WWW-Authenticate", "Bearer realm=\"mercure\"");
    Problem.of(ProblemType.UNAUTHORIZED, detail).send(req.response(), req.path());
  }
}
