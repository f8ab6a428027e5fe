package newsdesk.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;

/** Mints Mercure JWTs for tests. */
public final class Jwts {
  public static final String PUBLISHER_KEY = "test-publisher-key-0123456789-abcdefghij";
  public static final String SUBSCRIBER_KEY = "test-subscriber-key-0123456789-abcdefghij";

  private Jwts() {}

  /** @param publish selectors for mercure.publish, or null to leave it out; likewise subscribe */
  public static String hs256(String key, List<String> publish, List<String> subscribe, Instant expires) {
    var mercure = new LinkedHashMap<String, Object>();
    if (publish != null) mercure.put("publish", publish);
    if (subscribe != null) mercure.put("subscribe", subscribe);
    var claims = new JWTClaimsSet.Builder().claim("mercure", mercure);
    if (expires != null) claims.expirationTime(Date.from(expires));
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** The Mercure authorization detail type of draft-08 tokens. */
  public static final String DETAIL_TYPE = "https://mercure.rocks/authorization-detail";

  /** One Mercure authorization detail; each topic is "exact:value" or "urlpattern:value". */
  public static java.util.Map<String, Object> detail(List<String> actions, String... topics) {
    var matchers = new java.util.ArrayList<Object>();
    for (String t : topics) {
      int colon = t.indexOf(':');
      matchers.add(java.util.Map.of("match_type", t.substring(0, colon), "match", t.substring(colon + 1)));
    }
    return java.util.Map.of("type", DETAIL_TYPE, "actions", actions, "topics", matchers);
  }

  /**
   * A draft-08 access token ({@code typ} at+jwt, HS256) with the claims RFC 9068 asks of issuers.
   *
   * @param details the {@code authorization_details} claim, or null to leave it out
   */
  public static String accessToken(String key, String audience, String issuer, Instant expires, List<?> details) {
    return accessToken(key, "at+jwt", audience, issuer, expires, details);
  }

  public static String accessToken(String key, String typ, String audience, String issuer, Instant expires,
      List<?> details) {
    var claims = new JWTClaimsSet.Builder().audience(audience).issuer(issuer).subject("urn:uuid:" + java.util.UUID.randomUUID())
        .claim("client_id", "https://example.com").issueTime(new Date()).jwtID(java.util.UUID.randomUUID().toString());
    if (details != null) claims.claim("authorization_details", details);
    if (expires != null) claims.expirationTime(Date.from(expires));
    var header = new JWSHeader.Builder(JWSAlgorithm.HS256);
    if (typ != null) header.type(new com.nimbusds.jose.JOSEObjectType(typ));
    var jwt = new SignedJWT(header.build(), claims.build());
    try {
      jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  public static String publisher(List<String> publish) {
    return hs256(PUBLISHER_KEY, publish, null, Instant.now().plusSeconds(3600));
  }

  public static String subscriber(List<String> subscribe) {
    return hs256(SUBSCRIBER_KEY, null, subscribe, Instant.now().plusSeconds(3600));
  }
}
