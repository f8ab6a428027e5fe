package newsdesk.admission;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsdesk.http.Problem;
import newsdesk.hub.Audience;
import newsdesk.hub.TopicSelector;

/**
 * Admits a draft-08 (Mercure 1.0) subscription on {@code /.well-known/mercure}: its
 * {@code match}/{@code match_<type>} parameters, its {@code last_event_id}, and its access token
 * (the {@code Authorization} header, else the {@code __Secure-mercure_access_token} cookie; never
 * the URL). A request is draft-08 when it uses the {@code match} namespace or presents an
 * {@code at+jwt} token; anything else is draft-07, served as before.
 */
public final class Draft08Subscribers {
  public static final String COOKIE = "__Secure-mercure_access_token";

  /**
   * What an admitted subscriber listens to and may hear, until when, where it resumes, and the
   * token's payload for each of its selectors that has one (by {@link TopicSelector#key()}).
   */
  public record Admitted(List<TopicSelector> selectors, Audience audience, Instant expiresAt, String lastEventId,
      Map<String, String> payloads) {}

  private final AccessTokens tokens;
  private final MercureKey subscriberKey;
  private final boolean anonymous;
  private final String hubUrl;
  private final BearerChallenge challenge;

  public Draft08Subscribers(AccessTokens tokens, MercureKey subscriberKey, boolean anonymous, String hubUrl,
      BearerChallenge challenge) {
    this.tokens = tokens;
    this.subscriberKey = subscriberKey;
    this.anonymous = anonymous;
    this.hubUrl = hubUrl;
    this.challenge = challenge;
  }

  /** Whether the request speaks draft-08: a name in the reserved {@code match} namespace, or an at+jwt token. */
  public static boolean applies(HttpServerRequest req) {
    try {
      for (var p : FormQuery.parse(req.query())) {
        if (p.getKey().regionMatches(true, 0, "match", 0, 5)) return true; // names as decoded ("%6Datch" too)
      }
    } catch (FormQuery.Malformed e) {
      // Not UTF-8: draft-08 refuses it, draft-07 reads it as before; the raw names decide which.
      for (String pair : req.query().split("&")) if (pair.regionMatches(true, 0, "match", 0, 5)) return true;
    }
    String token = MercureAuth.tokenOf(req);
    if (token == null) token = cookie(req, COOKIE);
    return token != null && AccessTokens.isAccessToken(token);
  }

  /** The admission, or null after answering 400, 401 or 403. */
  public Admitted admit(HttpServerRequest req, int maxMatchers) {
    Map<String, List<String>> params;
    try {
      params = group(FormQuery.parse(req.query()));
    } catch (FormQuery.Malformed e) {
      Problem.badRequest("match", e.getMessage()).send(req.response(), req.path());
      return null;
    }
    if (params.containsKey("access_token") || params.containsKey("authorization")) {
      challenge.invalidRequest(req, "draft-08 takes no token in the URL: send an Authorization header or the "
          + COOKIE + " cookie");
      return null;
    }
    List<TopicSelector> selectors = selectors(req, params, maxMatchers);
    if (selectors == null) return null;
    String lastEventId = req.getHeader("Last-Event-ID");
    if (lastEventId == null || lastEventId.isEmpty()) {
      List<String> q = params.get("last_event_id");
      lastEventId = q == null || q.isEmpty() || q.getFirst().isEmpty() ? null : q.getFirst();
    }
    if (lastEventId != null && lastEventId.length() > TopicLimits.MAX_ID_LENGTH) {
      Problem.badRequest("last_event_id", "an event id is at most " + TopicLimits.MAX_ID_LENGTH + " characters")
          .send(req.response(), req.path());
      return null;
    }
    String header = req.getHeader("Authorization");
    String token;
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        challenge.invalidRequest(req, "the Authorization header must use the Bearer scheme");
        return null;
      }
      token = header.substring(7).trim();
    } else {
      token = cookie(req, COOKIE);
      if (token == null) token = cookie(req, MercureAuth.COOKIE);
    }
    if (token == null) {
      if (anonymous) return new Admitted(selectors, Audience.PUBLIC, null, lastEventId, Map.of());
      challenge.missing(req, "this hub does not take anonymous subscribers; present an access token");
      return null;
    }
    try {
      MercureToken granted = tokens.verify(token, subscriberKey);
      var payloads = new LinkedHashMap<String, String>();
      for (TopicSelector s : selectors) {
        String p = granted.payloadFor(s);
        if (p != null) payloads.put(s.key(), p);
      }
      return new Admitted(selectors, Audience.granted(granted.subscribe()), granted.expiresAt(), lastEventId, payloads);
    } catch (MercureAuth.Invalid e) {
      challenge.invalidToken(req, e.getMessage());
      return null;
    }
  }

  private List<TopicSelector> selectors(HttpServerRequest req, Map<String, List<String>> params, int maxMatchers) {
    var selectors = new ArrayList<TopicSelector>();
    var seen = new java.util.HashSet<String>();
    for (var e : params.entrySet()) {
      String name = e.getKey();
      if (!name.toLowerCase(Locale.ROOT).startsWith("match")) continue;
      String type = name.equals("match") ? Matchers.EXACT : name.startsWith("match_") ? name.substring(6) : null;
      for (String value : e.getValue()) {
        try {
          if (type == null) throw new Matchers.Refused("'" + name + "' is in the reserved match namespace");
          TopicSelector s = Matchers.selector(type, value, hubUrl);
          if (value.isEmpty()) throw new Matchers.Refused("a matcher cannot be empty");
          if (seen.add(s.key())) selectors.add(s);
        } catch (Matchers.Refused r) {
          Problem.badRequest(name, r.getMessage()).send(req.response(), req.path());
          return null;
        }
      }
    }
    String problem = null;
    int count = params.entrySet().stream().filter(en -> en.getKey().toLowerCase(Locale.ROOT).startsWith("match"))
        .mapToInt(en -> en.getValue().size()).sum();
    if (selectors.isEmpty()) problem = "give at least one match or match_urlpattern parameter";
    else if (count > maxMatchers) problem = "at most " + maxMatchers + " matchers per connection";
    if (problem != null) {
      Problem.badRequest("match", problem).send(req.response(), req.path());
      return null;
    }
    return selectors;
  }

  private static Map<String, List<String>> group(List<Map.Entry<String, String>> pairs) {
    var out = new LinkedHashMap<String, List<String>>();
    for (var p : pairs) out.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
    return out;
  }

  private static String cookie(HttpServerRequest req, String name) {
    Cookie c = req.getCookie(name);
    return c == null || c.getValue().isEmpty() ? null : c.getValue();
  }
}
