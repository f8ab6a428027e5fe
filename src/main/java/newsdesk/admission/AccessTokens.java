package newsdesk.admission;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks draft-08 access tokens: RFC 9068 JWTs ({@code typ} {@code at+jwt}) signed by a trusted
 * key (the role's configured key, or one of a JWK Set chosen by {@code kid}, never one the token
 * carries), with an {@code exp} (required) and {@code nbf} that hold, the hub's resource identifier
 * in {@code aud}, an {@code iss} (equal to {@code mercure.issuer} when set), and Mercure
 * {@code authorization_details}. Verified tokens are cached, their times checked on every use.
 */
public final class AccessTokens {
  /** Asymmetric algorithms a JWK Set's keys may use; HMAC secrets come only from configuration. */
  private static final Set<JWSAlgorithm> JWKS_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
      JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
      JWSAlgorithm.ES384, JWSAlgorithm.ES512);
  private static final long CLOCK_SKEW_SECONDS = 30;

  private final Clock clock;
  private final String audience;
  private final String issuer;
  private final String hubUrl;
  private final JWKSource<SecurityContext> jwks;
  private final TokenMemo<Verified> verified = new TokenMemo<>();

  private record Verified(MercureKey key, MercureToken token, Instant notBefore) {}

  /**
   * @param audience the hub's resource identifier, required in {@code aud}
   * @param issuer the required {@code iss}, or null to take any issuer that signs with a trusted key
   * @param hubUrl resolves relative URL patterns in the tokens' topics
   * @param jwks trusted keys besides the configured ones, or null
   */
  public AccessTokens(Clock clock, String audience, String issuer, String hubUrl, JWKSource<SecurityContext> jwks) {
    this.clock = clock;
    this.audience = audience;
    this.issuer = issuer == null || issuer.isBlank() ? null : issuer;
    this.hubUrl = hubUrl;
    this.jwks = jwks;
  }

  public String audience() {
    return audience;
  }

  /** Whether the token's header says it is an access token ({@code at+jwt}); false for anything unreadable. */
  public static boolean isAccessToken(String token) {
    try {
      return isAccessTokenType(SignedJWT.parse(token).getHeader());
    } catch (ParseException | RuntimeException e) {
      return false;
    }
  }

  private static boolean isAccessTokenType(JWSHeader header) {
    if (header.getType() == null) return false;
    String typ = header.getType().toString().toLowerCase(Locale.ROOT);
    return typ.equals("at+jwt") || typ.equals("application/at+jwt");
  }

  /** @param key the role's configured key, or null when only the JWK Set may sign for it */
  public MercureToken verify(String token, MercureKey key) throws MercureAuth.Invalid {
    Verified known = verified.get(token);
    if (known != null && known.key() == key) {
      checkTimes(known.token().expiresAt(), known.notBefore());
      return known.token();
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new MercureAuth.Invalid("the token is not a signed JWT");
    }
    if (!isAccessTokenType(jwt.getHeader())) throw new MercureAuth.Invalid("the token's typ is not at+jwt");
    if (!signatureVerifies(jwt, key)) throw new MercureAuth.Invalid("the token's signature does not verify with a trusted key");
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new MercureAuth.Invalid("the token's claims are not JSON");
    }
    if (claims.getExpirationTime() == null) throw new MercureAuth.Invalid("the token has no exp");
    Instant exp = claims.getExpirationTime().toInstant();
    Instant nbf = claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().toInstant();
    checkTimes(exp, nbf);
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(audience)) throw new MercureAuth.Invalid("the token's aud does not name this hub");
    String iss = claims.getIssuer();
    if (iss == null || iss.isEmpty()) throw new MercureAuth.Invalid("the token has no iss");
    if (issuer != null && !issuer.equals(iss)) throw new MercureAuth.Invalid("the token's iss is not a trusted issuer");
    AuthorizationDetails.Grants grants = AuthorizationDetails.read(claims.getClaim("authorization_details"), hubUrl);
    var granted = new MercureToken(grants.publish(), grants.subscribe(), exp, grants.payloads());
    verified.put(token, new Verified(key, granted, nbf));
    return granted;
  }

  private boolean signatureVerifies(SignedJWT jwt, MercureKey key) throws MercureAuth.Invalid {
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    try {
      if (key != null && key.accepts(alg) && jwt.verify(key.verifier())) return true;
      if (jwks == null || !JWKS_ALGORITHMS.contains(alg)) return false;
      var selector = new JWSVerificationKeySelector<>(JWKS_ALGORITHMS, jwks);
      var factory = new DefaultJWSVerifierFactory();
      for (Key k : selector.selectJWSKeys(jwt.getHeader(), null)) {
        JWSVerifier verifier = factory.createJWSVerifier(jwt.getHeader(), k);
        if (jwt.verify(verifier)) return true;
      }
      return false;
    } catch (JOSEException e) {
      throw new MercureAuth.Invalid("the token's signature cannot be checked");
    }
  }

  private void checkTimes(Instant exp, Instant nbf) throws MercureAuth.Invalid {
    Instant now = clock.instant();
    if (exp != null && now.isAfter(exp.plusSeconds(CLOCK_SKEW_SECONDS))) throw new MercureAuth.Invalid("the token has expired");
    if (nbf != null && now.plusSeconds(CLOCK_SKEW_SECONDS).isBefore(nbf)) throw new MercureAuth.Invalid("the token is not valid yet");
  }
}
