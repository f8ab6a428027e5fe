package newsdesk.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VAPID authorisation (RFC 8292): an ES256 JWT naming the push service's origin ({@code aud}),
 * an expiry ({@code exp}, at most 24 h ahead) and our contact ({@code sub}), sent as
 * {@code Authorization: vapid t=<jwt>, k=<public key>}.
 *
 * <p>nimbus-jose-jwt signs ES256 with the raw 64-byte R‖S signature JWS requires (not the DER the
 * JDK's Signature produces). A token is cached per push-service origin and reused until an hour
 * before it expires: signing per message would cost more than the encryption.
 */
public final class VapidJwt {
  static final Duration LIFETIME = Duration.ofHours(12);
  static final Duration RENEW_BEFORE = Duration.ofHours(1);

  private final VapidKeys keys;
  private final String contact;
  private final Clock clock;
  private final ECDSASigner signer;
  private final ConcurrentHashMap<String, Token> cache = new ConcurrentHashMap<>();

  private record Token(String header, Instant expires) {}

  public VapidJwt(VapidKeys keys, String contact, Clock clock) {
    if (!isValidContact(contact)) {
      throw new IllegalArgumentException("the VAPID contact must be a mailto: or https: URI, got '" + contact + "'");
    }
    this.keys = keys;
    this.contact = contact;
    this.clock = clock;
    try {
      this.signer = new ECDSASigner(keys.privateKey());
    } catch (JOSEException e) {
      throw new IllegalArgumentException("not an ES256 key", e);
    }
  }

  public static boolean isValidContact(String contact) {
    if (contact == null) return false;
    String c = contact.strip().toLowerCase(Locale.ROOT);
    return c.startsWith("mailto:") && c.length() > 7 && c.contains("@")
        || c.startsWith("https://") && c.length() > 8;
  }

  /** The origin of an endpoint: scheme://host[:port], the {@code aud} a push service expects. */
  public static String origin(URI endpoint) {
    String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
    int port = endpoint.getPort();
    boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
    return scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }

  /** The {@code Authorization} header value for a request to {@code origin}. */
  public String authorization(String origin) {
    Instant now = clock.instant();
    Token t = cache.get(origin);
    if (t == null || !now.isBefore(t.expires().minus(RENEW_BEFORE))) {
      t = sign(origin, now);
      cache.put(origin, t);
    }
    return t.header();
  }

  private Token sign(String origin, Instant now) {
    Instant exp = now.plus(LIFETIME);
    var claims = new JWTClaimsSet.Builder()
        .audience(origin)
        .expirationTime(Date.from(exp))
        .subject(contact)
        .build();
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("VAPID signing failed", e);
    }
    return new Token("vapid t=" + jwt.serialize() + ", k=" + keys.publicKeyBase64(), exp);
  }
}
