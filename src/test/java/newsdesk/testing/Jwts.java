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

  public static String publisher(List<String> publish) {
    return hs256(PUBLISHER_KEY, publish, null, Instant.now().plusSeconds(3600));
  }

  public static String subscriber(List<String> subscribe) {
    return hs256(SUBSCRIBER_KEY, null, subscribe, Instant.now().plusSeconds(3600));
  }
}
