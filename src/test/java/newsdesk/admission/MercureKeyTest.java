package newsdesk.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import newsdesk.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Public keys (RS256, ES256) as well as HMAC secrets, and no algorithm confusion between them. */
class MercureKeyTest {
  private final MercureAuth auth = new MercureAuth(Clock.systemUTC());

  private static String pem(KeyPair pair) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static String sign(JWSAlgorithm alg, JWSSigner signer) throws Exception {
    var claims = new JWTClaimsSet.Builder().claim("mercure", Map.of("publish", List.of("*"), "subscribe", List.of("a"))).build();
    var jwt = new SignedJWT(new JWSHeader(alg), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  @Test
  void rs256TokensVerifyAgainstAnRsaPublicKey() throws Exception {
    var gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair pair = gen.generateKeyPair();
    var key = MercureKey.parse(pem(pair), "test");
    var token = auth.verify(sign(JWSAlgorithm.RS256, new RSASSASigner(pair.getPrivate())), key);
    assertThat(token.mayPublish(List.of("anything"))).isTrue();
    assertThat(token.subscribe()).extracting(Object::toString).containsExactly("a");
  }

  @Test
  void es256TokensVerifyAgainstAnEcPublicKey() throws Exception {
    var gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = gen.generateKeyPair();
    var key = MercureKey.parse(pem(pair), "test");
    assertThat(auth.verify(sign(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) pair.getPrivate())), key)
        .mayPublish(List.of("x"))).isTrue();
  }

  @Test
  void anHmacTokenMadeWithThePublicKeyAsSecretIsRefused() throws Exception {
    var gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    String pem = pem(gen.generateKeyPair());
    var key = MercureKey.parse(pem, "test");
    String forged = sign(JWSAlgorithm.HS256, new MACSigner(pem.strip().getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> auth.verify(forged, key)).isInstanceOf(MercureAuth.Invalid.class)
        .hasMessageContaining("algorithm");
  }

  @Test
  void shortHmacSecretsAreRefusedAtStartWithoutEchoingThem() {
    assertThatThrownBy(() -> MercureKey.parse("!ChangeMe!", "mercure.publisher-key"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at least 32 bytes")
        .hasMessageNotContaining("!ChangeMe!");
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
    var key = MercureKey.parse("k".repeat(40), "test");
    String other = sign(JWSAlgorithm.HS256, new MACSigner("o".repeat(40).getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> auth.verify(other, key)).isInstanceOf(MercureAuth.Invalid.class);
  }
}
