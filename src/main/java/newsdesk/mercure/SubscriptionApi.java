package newsdesk.mercure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsdesk.admission.AccessTokens;
import newsdesk.admission.BearerChallenge;
import newsdesk.admission.Draft08Subscribers;
import newsdesk.admission.MercureAuth;
import newsdesk.admission.MercureKey;
import newsdesk.admission.MercureToken;
import newsdesk.admission.SubscriberGate;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;
import newsdesk.hub.Hub;
import newsdesk.hub.Presence;
import newsdesk.hub.TopicSelector;

/**
 * The subscription API, draft-07 form (decision 0166): {@code GET /.well-known/mercure/subscriptions},
 * {@code …/{topic}} and {@code …/{topic}/{subscriber}}, JSON-LD, with the newest event's id as
 * {@code lastEventID}; the subscriptions of every node, from the presence registry. A subscriber
 * JWT is required (401 without a valid one) and the path asked for must match one of its
 * {@code mercure.subscribe} selectors, as a path or as an absolute URL on this hub (403).
 *
 * <p>A request presenting a draft-08 access token (header or {@code __Secure-mercure_access_token}
 * cookie) is answered in draft-08's form by {@link SubscriptionApi08}; each form lists only its own
 * subscriptions. No token at all is 401 with a Bearer challenge that suits both.
 */
public final class SubscriptionApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Presence presence;
  private final Hub hub;
  private final MercureAuth auth;
  private final MercureKey subscriberKey;
  private final String base;
  private final Blocking blocking;
  private final SubscriptionApi08 draft08;
  private final BearerChallenge challenge;

  /** {@code base}: the public URL without its trailing slash, for absolute selectors. */
  public SubscriptionApi(Presence presence, Hub hub, MercureAuth auth, MercureKey subscriberKey, String base,
      Blocking blocking, SubscriptionApi08 draft08, BearerChallenge challenge) {
    this.draft08 = draft08;
    this.challenge = challenge;
    this.presence = presence;
    this.hub = hub;
    this.auth = auth;
    this.subscriberKey = subscriberKey;
    this.base = base;
    this.blocking = blocking;
  }

  public void mount(Router r) {
    r.get(SubscriptionDocuments.PREFIX).handler(ctx -> answer(ctx.request()));
    r.get(SubscriptionDocuments.PREFIX + "/*").handler(ctx -> answer(ctx.request()));
  }

  private void answer(HttpServerRequest req) {
    String path = req.path();
    String token = MercureAuth.tokenOf(req);
    Cookie cookie = req.getCookie(Draft08Subscribers.COOKIE);
    if (token == null && cookie != null && !cookie.getValue().isEmpty()) token = cookie.getValue();
    if (token == null) {
      challenge.missing(req, "the subscription API needs a subscriber token");
      return;
    }
    if (AccessTokens.isAccessToken(token)) {
      draft08.answer(req, token);
      return;
    }
    MercureToken granted;
    try {
      granted = auth.verify(token, subscriberKey);
    } catch (MercureAuth.Invalid e) {
      SubscriberGate.unauthorized(req, e.getMessage());
      return;
    }
    if (!allowed(granted.subscribe(), path)) {
      Problem.of(ProblemType.FORBIDDEN, "the token's mercure.subscribe matches no selector for " + path)
          .send(req.response(), path);
      return;
    }
    List<String> segments = segments(path, 2);
    if (segments == null) {
      Problem.of(ProblemType.NOT_FOUND, "no such subscription or collection").send(req.response(), path);
      return;
    }
    blocking.call(hub::lastEventId).onSuccess(last -> {
      String lastEventId = last.equals("0") ? "earliest" : last;
      ObjectNode body = segments.size() == 2 ? one(segments, lastEventId) : collection(path, segments, lastEventId);
      if (body == null) {
        Problem.of(ProblemType.NOT_FOUND, "no such subscription").send(req.response(), path);
        return;
      }
      req.response().putHeader("Content-Type", "application/ld+json").putHeader("Cache-Control", "must-revalidate")
          .end(body.toString());
    }).onFailure(e -> Problem.of(ProblemType.UNAVAILABLE, "the event log cannot be read right now; retry")
        .send(req.response(), path));
  }

  private boolean allowed(List<TopicSelector> grants, String path) {
    for (TopicSelector s : grants) if (s.matches(path) || s.matches(base + path)) return true;
    return false;
  }

  /**
   * The segments after the prefix (at most {@code max}), each re-expanded so any percent-encoding
   * of them finds them; null if malformed.
   */
  static List<String> segments(String path, int max) {
    if (path.equals(SubscriptionDocuments.PREFIX)) return List.of();
    String rest = path.substring(SubscriptionDocuments.PREFIX.length() + 1);
    String[] parts = rest.split("/", -1);
    if (parts.length > max) return null;
    var out = new ArrayList<String>(parts.length);
    for (String p : parts) {
      if (p.isEmpty()) return null;
      try {
        out.add(SubscriptionDocuments.expand(URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return out;
  }

  private ObjectNode one(List<String> segments, String lastEventId) {
    String topic = SubscriptionDocuments.PREFIX + "/" + segments.get(0) + "/" + segments.get(1);
    List<String> docs = presence.members(topic);
    if (docs.isEmpty()) return null;
    ObjectNode doc = parse(docs.get(0));
    doc.put("lastEventID", lastEventId);
    return doc;
  }

  private ObjectNode collection(String path, List<String> segments, String lastEventId) {
    String prefix = SubscriptionDocuments.PREFIX + "/" + (segments.isEmpty() ? "" : segments.get(0) + "/");
    var docs = new ArrayList<ObjectNode>();
    for (Map.Entry<String, List<String>> e : presence.membersUnder(prefix).entrySet()) {
      for (String d : e.getValue()) {
        ObjectNode doc = parse(d);
        if (!SubscriptionApi08.isDraft08(doc)) docs.add(doc);
      }
    }
    return SubscriptionDocuments.collection(path, lastEventId, docs);
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a stored subscription document is not JSON", e);
    }
  }
}
