package newsdesk.mercure;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.Optional;
import java.util.Set;
import newsdesk.admission.MercureAuth;
import newsdesk.admission.MercureToken;
import newsdesk.admission.RateLimiter;
import newsdesk.admission.RateLimits;
import newsdesk.admission.SubscriberGate;
import newsdesk.admission.TopicLimits;
import newsdesk.http.AckBeforeFanout;
import newsdesk.http.Blocking;
import newsdesk.http.FormBody;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;
import newsdesk.hub.Hub;
import newsdesk.store.Event;
import newsdesk.store.EventIdTakenException;
import newsdesk.store.NewEvent;

/**
 * {@code /.well-known/mercure}: the Mercure protocol (draft 07, as hubs 0.x and their clients speak
 * it) over the same log and fan-out as {@code /events}. {@code POST} publishes a form-encoded
 * update once it is durable; {@code GET} subscribes with topic selectors, served by the SSE
 * transport handed to {@link #mount}.
 */
public final class MercureEndpoint {
  public static final String PATH = "/.well-known/mercure";
  private static final int MAX_TOPICS = 100;

  private final Hub hub;
  private final AckBeforeFanout ack;
  private final MercureSettings settings;
  private final MercureAuth auth;
  private final RateLimiter publishLimit;

  /** @param publishLimit publishes per publisher JWT */
  public MercureEndpoint(Hub hub, Blocking blocking, MercureSettings settings, MercureAuth auth,
      RateLimiter publishLimit) {
    this.publishLimit = publishLimit;
    this.hub = hub;
    this.ack = new AckBeforeFanout(blocking, hub::holdingEvents, hub::releaseEvents);
    this.settings = settings;
    this.auth = auth;
  }

  /** @param subscribe serves {@code GET}: a stream for whoever the subscriber gate admits */
  public void mount(Router router, long maxBodyBytes, Handler<HttpServerRequest> subscribe) {
    if (!settings.corsOrigins().isEmpty()) {
      // Credentials (the cookie) only for origins the operator listed.
      router.route(PATH).handler(CorsHandler.create()
          .addOrigins(settings.corsOrigins())
          .allowCredentials(true)
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
          .allowedHeaders(Set.of("Authorization", "Content-Type", "Last-Event-ID", "Cache-Control"))
          .exposedHeaders(Set.of("Last-Event-ID")));
    }
    router.get(PATH).handler(ctx -> subscribe.handle(ctx.request()));
    router.post(PATH).handler(ctx -> publish(ctx, maxBodyBytes));
  }

  private void publish(RoutingContext ctx, long maxBodyBytes) {
    HttpServerRequest req = ctx.request();
    String contentType = req.getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "publish with application/x-www-form-urlencoded")
          .send(req.response(), req.path());
      return;
    }
    String token = MercureAuth.tokenOf(req);
    if (token == null) {
      unauthorized(req, "publishing needs a JWT with a mercure.publish claim");
      return;
    }
    MercureToken granted;
    try {
      granted = auth.verify(token, settings.publisherKey());
    } catch (MercureAuth.Invalid e) {
      unauthorized(req, e.getMessage());
      return;
    }
    // Per token, like the API's writes (the limiter keeps a long key as its digest).
    if (!RateLimits.admit(publishLimit, "jwt:" + token, req)) return;
    FormBody.read(ctx, maxBodyBytes, form -> publish(ctx, granted, form));
  }

  private void publish(RoutingContext ctx, MercureToken granted, MultiMap form) {
    HttpServerRequest req = ctx.request();
    NewEvent update;
    try {
      update = MercureUpdates.parse(form, MAX_TOPICS, TopicLimits.MAX_TOPIC_LENGTH, TopicLimits.MAX_ID_LENGTH);
    } catch (MercureUpdates.Refused r) {
      Problem.badRequest(r.field(), r.getMessage()).send(req.response(), req.path());
      return;
    }
    if (!granted.mayPublish(update.topics())) {
      Problem.of(ProblemType.FORBIDDEN,
          "the token's mercure.publish selectors do not cover every topic of this update")
          .send(req.response(), req.path());
      return;
    }
    ack.answer(ctx, () -> {
      try {
        return hub.publish(tx -> {
          if (update.id() != null && tx.eventIdExists(update.id())) return Optional.<Event>empty();
          return Optional.of(tx.appendEvent(update));
        });
      } catch (EventIdTakenException takenSinceTheCheck) { // by another node: the log refused it
        return Optional.<Event>empty();
      }
    }, published -> {
      if (published.isEmpty()) {
        Problem.of(ProblemType.CONFLICT, "an update with id '" + update.id() + "' was already published").at("id")
            .send(req.response(), req.path());
        return null;
      }
      return req.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(published.get().id());
    });
  }

  private static void unauthorized(HttpServerRequest req, String detail) {
    SubscriberGate.unauthorized(req, detail);
  }

  /** For the discovery {@code Link} header. */
  public static String linkHeader(String publicBase) {
    return "<" + publicBase + PATH + ">; rel=\"mercure\"";
  }

}
