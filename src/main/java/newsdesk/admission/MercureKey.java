package newsdesk.admission;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import newsdesk.config.ConfigException;

/**
 * A key that checks Mercure JWTs: an HMAC secret (HS256/384/512), or a PEM public key, RSA
 * (RS256/384/512) or EC P-256 (ES256). Only algorithms of the key's own family are accepted, so a
 * token cannot pick a weaker check than the operator configured.
 */
public final class MercureKey {
  private final JWSVerifier verifier;
  private final Set<JWSAlgorithm> algorithms;

  private MercureKey(JWSVerifier verifier, Set<JWSAlgorithm> algorithms) {
    this.verifier = verifier;
    this.algorithms = algorithms;
  }

  /** @param setting the configured value; {@code name} is the setting's name, for messages only */
  public static MercureKey parse(String setting, String name) {
    String v = setting.strip();
    try {
      if (v.startsWith("-----BEGIN PUBLIC KEY-----")) {
        PublicKey key = publicKey(v);
        if (key instanceof RSAPublicKey rsa) {
          return new MercureKey(new RSASSAVerifier(rsa), Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512));
        }
        if (key instanceof ECPublicKey ec) {
          return new MercureKey(new ECDSAVerifier(ec), Set.of(JWSAlgorithm.ES256));
        }
        throw new ConfigException(name + " must be an RSA or EC public key");
      }
      byte[] secret = v.getBytes(StandardCharsets.UTF_8);
      if (secret.length < 32) {
        throw new ConfigException(name + " must be at least 32 bytes (256 bits) for HS256, or a PEM public key");
      }
      return new MercureKey(new MACVerifier(secret), Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512));
    } catch (JOSEException | java.security.GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigException(name + " is not a usable key: " + e.getMessage());
    }
  }

  private static PublicKey publicKey(String pem) throws java.security.GeneralSecurityException {
    String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
        .replaceAll("\\s", "");
    var spec = new X509EncodedKeySpec(Base64.getDecoder().decode(body));
    try {
      return KeyFactory.getInstance("RSA").generatePublic(spec);
    } catch (java.security.spec.InvalidKeySpecException notRsa) {
      return KeyFactory.getInstance("EC").generatePublic(spec);
    }
  }

  JWSVerifier verifier() {
    return verifier;
  }

  boolean accepts(JWSAlgorithm alg) {
    return algorithms.contains(alg);
  }

  @Override
  public String toString() {
    return "MercureKey[" + algorithms + "]"; // never the key itself
  }
}
