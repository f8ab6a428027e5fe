package newsdesk.admission;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsdesk.hub.TopicSelector;
import newsdesk.hub.UriTemplate;

/**
 * Finds and checks a request's Mercure JWT. As the protocol says, the {@code Authorization} header
 * wins; then the {@code authorization} query parameter; then the {@code mercureAuthorization} cookie.
 */
public final class MercureAuth {
  public static final String COOKIE = "mercureAuthorization";
  private static final long CLOCK_SKEW_SECONDS = 30;

  // A publisher sends the same token with every update: checking its signature and parsing its
  // claims once, not per publish, takes that work off the acknowledgement's path. Only tokens
  // that verified are kept, with the key they verified against; the time claims are checked anew
  // on every use. See docs/decisions/0010-mercure-form-netty-decoder.md.
  private final TokenMemo<Verified> verified = new TokenMemo<>();
  private final Clock clock;

  private record Verified(MercureKey key, MercureToken token, Instant notBefore) {}

  public MercureAuth(Clock clock) {
    this.clock = clock;
  }

  /** The raw token the request carries, or null. */
  public static String tokenOf(HttpServerRequest req) {
    String header = req.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) return header.substring(7).trim();
    if (header != null) return header; // not Bearer: fails verification, never falls through
    String param = req.getParam("authorization");
    if (param != null && !param.isEmpty()) return param;
    Cookie c = req.getCookie(COOKIE);
    return c == null || c.getValue().isEmpty() ? null : c.getValue();
  }

  /** A token that failed: the message says why, without echoing the token. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  public MercureToken verify(String token, MercureKey key) throws Invalid {
    if (key == null) throw new Invalid("this hub has no key configured for that kind of token");
    Verified known = verified.get(token);
    if (known != null && known.key() == key) {
      checkTimes(known.token().expiresAt(), known.notBefore());
      return known.token();
    }
    var v = verifyAnew(token, key);
    verified.put(token, v);
    return v.token();
  }

  private Verified verifyAnew(String token, MercureKey key) throws Invalid {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new Invalid("the token is not a signed JWT");
    }
    if (!key.accepts(jwt.getHeader().getAlgorithm())) {
      throw new Invalid("the token's algorithm " + jwt.getHeader().getAlgorithm() + " does not fit the configured key");
    }
    try {
      if (!jwt.verify(key.verifier())) throw new Invalid("the token's signature does not verify");
    } catch (JOSEException e) {
      throw new Invalid("the token's signature cannot be checked");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new Invalid("the token's claims are not JSON");
    }
    Instant exp = claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
    Instant nbf = claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().toInstant();
    checkTimes(exp, nbf);
    Object mercure = claims.getClaim("mercure");
    if (mercure != null && !(mercure instanceof Map)) throw new Invalid("the mercure claim must be an object");
    Map<?, ?> m = mercure == null ? Map.of() : (Map<?, ?>) mercure;
    return new Verified(key,
        new MercureToken(selectors(m.get("publish"), "publish"), selectors(m.get("subscribe"), "subscribe"), exp), nbf);
  }

  private void checkTimes(Instant exp, Instant nbf) throws Invalid {
    Instant now = clock.instant();
    if (exp != null && now.isAfter(exp.plusSeconds(CLOCK_SKEW_SECONDS))) throw new Invalid("the token has expired");
    if (nbf != null && now.plusSeconds(CLOCK_SKEW_SECONDS).isBefore(nbf)) throw new Invalid("the token is not valid yet");
  }

  private static List<TopicSelector> selectors(Object claim, String name) throws Invalid {
    if (claim == null) return List.of();
    if (!(claim instanceof List<?> list)) throw new Invalid("mercure." + name + " must be an array of topic selectors");
    var out = new ArrayList<TopicSelector>(list.size());
    for (Object o : list) {
      if (!(o instanceof String s)) throw new Invalid("mercure." + name + " must hold strings");
      try {
        out.add(TopicSelector.of(s));
      } catch (UriTemplate.TooComplex e) {
        throw new Invalid("mercure." + name + ": " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }
}
