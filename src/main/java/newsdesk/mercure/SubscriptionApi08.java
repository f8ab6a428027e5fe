package newsdesk.mercure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import newsdesk.admission.AccessTokens;
import newsdesk.admission.BearerChallenge;
import newsdesk.admission.MercureAuth;
import newsdesk.admission.MercureKey;
import newsdesk.admission.MercureToken;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;
import newsdesk.hub.Hub;
import newsdesk.hub.Presence;

/**
 * The subscription API in draft-08's form, for requests presenting an access token:
 * {@code GET /.well-known/mercure/subscriptions}, {@code …/{match_type}/{match}} and
 * {@code …/{match_type}/{match}/{subscriber}}, plain JSON, the cursor as {@code last-event-id} on the
 * {@code rel="mercure"} Link header. The path asked for, in relative form, is the topic a
 * {@code subscribe} detail of the token must match (exact byte for byte, URL patterns resolved
 * against the hub), else 403 {@code insufficient_scope}; a token that fails validation is 401
 * {@code invalid_token}. Only draft-08 subscriptions are listed.
 */
public final class SubscriptionApi08 {
  private final Presence presence;
  private final Hub hub;
  private final AccessTokens tokens;
  private final MercureKey subscriberKey;
  private final BearerChallenge challenge;
  private final String hubUrl;
  private final Blocking blocking;

  public SubscriptionApi08(Presence presence, Hub hub, AccessTokens tokens, MercureKey subscriberKey,
      BearerChallenge challenge, String hubUrl, Blocking blocking) {
    this.presence = presence;
    this.hub = hub;
    this.tokens = tokens;
    this.subscriberKey = subscriberKey;
    this.challenge = challenge;
    this.hubUrl = hubUrl;
    this.blocking = blocking;
  }

  void answer(HttpServerRequest req, String token) {
    String path = req.path();
    MercureToken granted;
    try {
      granted = tokens.verify(token, subscriberKey);
    } catch (MercureAuth.Invalid e) {
      challenge.invalidToken(req, e.getMessage());
      return;
    }
    if (granted.subscribe().stream().noneMatch(s -> s.matches(path))) {
      challenge.insufficientScope(req, "no subscribe detail of the token matches " + path);
      return;
    }
    List<String> segments = SubscriptionApi.segments(path, 3);
    if (segments == null || segments.size() == 1) {
      Problem.of(ProblemType.NOT_FOUND, "no such subscription or collection").send(req.response(), path);
      return;
    }
    String canonical = SubscriptionDocuments.PREFIX + (segments.isEmpty() ? "" : "/" + String.join("/", segments));
    blocking.call(hub::lastEventId).onSuccess(last -> {
      ObjectNode body = segments.size() == 3 ? one(canonical) : collection(path, canonical + "/");
      if (body == null) {
        Problem.of(ProblemType.NOT_FOUND, "no such subscription").send(req.response(), path);
        return;
      }
      String cursor = last.equals("0") ? "earliest" : last;
      req.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "must-revalidate")
          .putHeader("Link", "<" + hubUrl + ">; rel=\"mercure\"; last-event-id=\"" + cursor
              + "\"; type=\"mercure\"; content-type=\"application/json\"")
          .end(body.toString());
    }).onFailure(e -> Problem.of(ProblemType.UNAVAILABLE, "the event log cannot be read right now; retry")
        .send(req.response(), path));
  }

  private ObjectNode one(String topic) {
    for (String d : presence.members(topic)) {
      ObjectNode doc = SubscriptionApi.parse(d);
      if (isDraft08(doc)) return doc;
    }
    return null;
  }

  private ObjectNode collection(String path, String prefix) {
    var docs = new ArrayList<ObjectNode>();
    for (List<String> members : presence.membersUnder(prefix).values()) {
      for (String d : members) {
        ObjectNode doc = SubscriptionApi.parse(d);
        if (isDraft08(doc)) docs.add(doc);
      }
    }
    return SubscriptionDocuments08.collection(path, docs);
  }

  static boolean isDraft08(ObjectNode doc) {
    return SubscriptionDocuments08.TYPE.equals(doc.path("type").asText());
  }
}
