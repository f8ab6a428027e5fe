package newsdesk.mercure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * <p>Draft-08's {@code …/{match_type}/{match}[/{subscriber}]} plugs in here as a third segment
 * count, with its own documents from {@link SubscriptionDocuments}.
 */
public final class SubscriptionApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Presence presence;
  private final Hub hub;
  private final MercureAuth auth;
  private final MercureKey subscriberKey;
  private final String base;
  private final Blocking blocking;

  /** {@code base}: the public URL without its trailing slash, for absolute selectors. */
  public SubscriptionApi(Presence presence, Hub hub, MercureAuth auth, MercureKey subscriberKey, String base,
      Blocking blocking) {
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
    if (token == null) {
      SubscriberGate.unauthorized(req, "the subscription API needs a subscriber JWT");
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
    List<String> segments = segments(path);
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

  /** The topic and subscriber asked for, re-expanded so any percent-encoding of them finds them; null if malformed. */
  private static List<String> segments(String path) {
    if (path.equals(SubscriptionDocuments.PREFIX)) return List.of();
    String rest = path.substring(SubscriptionDocuments.PREFIX.length() + 1);
    String[] parts = rest.split("/", -1);
    if (parts.length > 2) return null;
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
      for (String d : e.getValue()) docs.add(parse(d));
    }
    return SubscriptionDocuments.collection(path, lastEventId, docs);
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a stored subscription document is not JSON", e);
    }
  }
}
