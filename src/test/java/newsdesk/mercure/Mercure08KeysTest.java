package newsdesk.mercure;

import static newsdesk.mercure.Mercure08Support.url;
import static newsdesk.mercure.MercureSupport.form;
import static newsdesk.mercure.MercureSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsdesk.testing.Jwts;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys for draft-08 tokens beyond the configured secrets: an issuer's JWK Set (a file here; the URL
 * form shares the code), its keys chosen by {@code kid}, a key it does not hold refused; and a
 * subscriber's stream that ends when its token's {@code exp} passes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Mercure08KeysTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir static Path dir;
  TestServer server;
  RSAKey current;
  RSAKey previous;
  RSAKey stranger;

  @BeforeAll
  void start() throws Exception {
    current = new RSAKeyGenerator(2048).keyID("2026-11").generate();
    previous = new RSAKeyGenerator(2048).keyID("2026-10").generate();
    stranger = new RSAKeyGenerator(2048).keyID("2026-11").generate(); // same kid, not in the set
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(List.of(current.toPublicJWK(), previous.toPublicJWK())).toString());
    server = TestServer.start(dir.resolve("data"), Map.of("mercure.publisher-key", Jwts.PUBLISHER_KEY,
        "mercure.issuer", Mercure08Support.ISSUER, "mercure.jwks-file", jwks.toString()));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private String rs256(RSAKey key, Instant exp, List<String> actions) throws Exception {
    var claims = new JWTClaimsSet.Builder().audience(Mercure08Support.hubUrl(server)).issuer(Mercure08Support.ISSUER)
        .subject("s").expirationTime(Date.from(exp))
        .claim("authorization_details", List.of(Jwts.detail(actions, "exact:*"))).build();
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
        .keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void tokensSignedByEitherKeyOfTheSetAreTakenAndAKeyOutsideItIsNot() throws Exception {
    String t = "https://example.com/" + UUID.randomUUID();
    Instant hour = Instant.now().plusSeconds(3600);
    for (RSAKey k : List.of(current, previous)) {
      var res = publish(server, rs256(k, hour, List.of("publish")), form("topic", t, "data", k.getKeyID()));
      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }
    var refused = publish(server, rs256(stranger, hour, List.of("publish")), form("topic", t, "data", "x"));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h ->
        assertThat(h).contains("error=\"invalid_token\""));
  }

  @Test
  void aSubscribersStreamEndsWhenItsTokenExpires() throws Exception {
    String token = rs256(current, Instant.now().plusSeconds(3), List.of("subscribe"));
    try (var c = SseClient.open(url(server, "match", "https://example.com/expiring"), null,
        Map.of("Authorization", "Bearer " + token))) {
      assertThat(c.response().statusCode()).isEqualTo(200);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!c.ended() && System.nanoTime() < deadline) c.poll(Duration.ofMillis(500));
      assertThat(c.ended()).as("the stream closed at exp").isTrue();
    }
  }
}
