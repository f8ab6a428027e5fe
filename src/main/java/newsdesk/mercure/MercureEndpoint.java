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
import newsdesk.admission.AccessTokens;
import newsdesk.admission.BearerChallenge;
import newsdesk.admission.Draft08Subscribers;
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
import newsdesk.hub.urlpattern.WebUrl;
import newsdesk.store.Event;
import newsdesk.store.EventIdTakenException;
import newsdesk.store.NewEvent;

/**
 * {@code /.well-known/mercure}: the Mercure protocol, draft-07 (hubs 0.x and today's clients) and
 * draft-08 (Mercure 1.0) side by side, over the same log and fan-out as {@code /events}, so both
 * see the same updates with the same ids. {@code POST} publishes a form-encoded update once it is
 * durable, with a draft-07 JWT ({@code mercure.publish}) or a draft-08 access token ({@code at+jwt},
 * {@code authorization_details}); {@code GET} subscribes, served by the SSE transport handed to
 * {@link #mount}, which tells the two protocols apart.
 */
public final class MercureEndpoint {
  public static final String PATH = "/.well-known/mercure";
  private static final int MAX_TOPICS = 100;

  private final Hub hub;
  private final AckBeforeFanout ack;
  private final MercureSettings settings;
  private final MercureAuth auth;
  private final RateLimiter publishLimit;
  private final AccessTokens accessTokens;
  private final BearerChallenge challenge;
  private final PublishTokens tokens = new PublishTokens();
  private final WebUrl hubUrl;

  /** @param publishLimit publishes per publisher JWT */
  public MercureEndpoint(Hub hub, Blocking blocking, MercureSettings settings, MercureAuth auth,
      AccessTokens accessTokens, BearerChallenge challenge, RateLimiter publishLimit) {
    this.accessTokens = accessTokens;
    this.challenge = challenge;
    this.publishLimit = publishLimit;
    this.hub = hub;
    this.ack = new AckBeforeFanout(blocking, hub::holdingEvents, hub::releaseEvents);
    this.settings = settings;
    this.auth = auth;
    this.hubUrl = WebUrl.parse(settings.hubUrl(), null).orElseThrow();
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
          .exposedHeaders(Set.of("Last-Event-ID", "Mercure-Last-Event-ID", "Link")));
    }
    ProtectedResourceMetadata.mount(router, settings);
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
    boolean fromCookie = req.getHeader("Authorization") == null && req.getParam("authorization") == null;
    if (token == null) {
      token = req.getCookie(Draft08Subscribers.COOKIE) == null ? null : req.getCookie(Draft08Subscribers.COOKIE).getValue();
    }
    if (token == null || token.isEmpty()) {
      challenge.missing(req, "publishing needs a token: a draft-08 access token or a draft-07 JWT");
      return;
    }
    PublishTokens.Facts facts = tokens.of(token);
    boolean draft08 = facts.draft08();
    if (draft08 && req.getParam("authorization") != null) {
      challenge.invalidRequest(req, "draft-08 takes no token in the URL");
      return;
    }
    if (draft08 && fromCookie && !CrossSite.trusted(req, settings)) {
      // A cookie is sent whoever asks: a cross-site form could publish with it.
      Problem.of(ProblemType.FORBIDDEN, "a publish authorised by a cookie must come from a trusted origin")
          .send(req.response(), req.path());
      return;
    }
    MercureToken granted;
    try {
      granted = draft08 ? accessTokens.verify(token, settings.publisherKey()) : auth.verify(token, settings.publisherKey());
    } catch (MercureAuth.Invalid e) {
      if (draft08) challenge.invalidToken(req, e.getMessage());
      else unauthorized(req, e.getMessage());
      return;
    }
    tokens.verified(token, facts);
    // Per token, like the API's writes (the limiter keeps a long key as its digest, taken once per token).
    if (!RateLimits.admit(publishLimit, facts.rateKey(), req)) return;
    FormBody.read(ctx, maxBodyBytes, form -> publish(ctx, granted, draft08, form));
  }

  private void publish(RoutingContext ctx, MercureToken granted, boolean draft08, MultiMap form) {
    HttpServerRequest req = ctx.request();
    NewEvent update;
    try {
      update = MercureUpdates.parse(form, MAX_TOPICS, TopicLimits.MAX_TOPIC_LENGTH, TopicLimits.MAX_ID_LENGTH);
    } catch (MercureUpdates.Refused r) {
      Problem.badRequest(r.field(), r.getMessage()).send(req.response(), req.path());
      return;
    }
    String refused = Publication.refusal(update, hubUrl, draft08);
    if (refused != null) {
      int colon = refused.indexOf(':');
      Problem.badRequest(refused.substring(0, colon), refused.substring(colon + 2)).send(req.response(), req.path());
      return;
    }
    if (!granted.mayPublish(update.topics())) {
      if (draft08) {
        challenge.insufficientScope(req, "the token does not grant publish on every topic of this update");
      } else {
        Problem.of(ProblemType.FORBIDDEN,
            "the token's mercure.publish selectors do not cover every topic of this update")
            .send(req.response(), req.path());
      }
      return;
    }
    ack.<Optional<Event>>answerLater(ctx, done -> hub.publishThen(tx -> {
      if (update.id() != null && tx.eventIdExists(update.id())) {
        // Ids are unique in the log. Draft-08 lets the hub ignore a publisher's id and use its
        // own, so a reused id gets the next sequence number; draft-07 publishers keep the 409.
        if (!draft08) return Optional.<Event>empty();
        return Optional.of(tx.appendEvent(new NewEvent(null, update.type(), update.topics(), update.data(),
            update.privateUpdate(), update.retry())));
      }
      return Optional.of(tx.appendEvent(update));
    }, (published, failure) -> {
      // Taken by another node since the check: the log refused it.
      if (failure instanceof EventIdTakenException) done.accept(Optional.empty(), null);
      else done.accept(published, failure);
    }), published -> {
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
