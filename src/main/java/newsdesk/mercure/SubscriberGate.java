package newsdesk.mercure;

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
  private final MercureSettings settings;

  public SubscriberGate(MercureAuth auth, MercureSettings settings) {
    this.auth = auth;
    this.settings = settings;
  }

  public MercureSettings settings() {
    return settings;
  }

  /** The grant, or null after answering 401. */
  public Grant admit(HttpServerRequest req) {
    String token = MercureAuth.tokenOf(req);
    if (token == null) {
      if (settings.anonymous()) return new Grant(Audience.PUBLIC, null);
      unauthorized(req, "this hub does not take anonymous subscribers; send a JWT");
      return null;
    }
    try {
      MercureToken granted = auth.verify(token, settings.subscriberKey());
      return new Grant(Audience.granted(granted.subscribe()), granted.expiresAt());
    } catch (MercureAuth.Invalid e) {
      unauthorized(req, e.getMessage());
      return null;
    }
  }

  static void unauthorized(HttpServerRequest req, String detail) {
    req.response().putHeader("WWW-Authenticate", "Bearer realm=\"mercure\"");
    Problem.of(ProblemType.UNAUTHORIZED, detail).send(req.response(), req.path());
  }
}
