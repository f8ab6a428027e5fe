package newsdesk.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

/** The one-multiplication ECDH gives exactly what the JDK's KeyAgreement gives. */
class P256EcdhTest {

  @Test
  void theFastPathIsInUseUnderTheLaunchersJvmOptions() {
    assertThat(P256Ecdh.fast()).as("surefire runs with the launcher's --add-exports").isTrue();
  }

  @Test
  void secretsEqualKeyAgreementsForManyKeyPairs() throws Exception {
    var g = KeyPairGenerator.getInstance("EC");
    g.initialize(P256.SPEC);
    for (int i = 0; i < 200; i++) {
      var ours = g.generateKeyPair();
      var theirs = g.generateKeyPair();
      byte[] expected = P256Ecdh.viaKeyAgreement((ECPrivateKey) ours.getPrivate(), (ECPublicKey) theirs.getPublic());
      assertThat(P256Ecdh.secret((ECPrivateKey) ours.getPrivate(), (ECPublicKey) theirs.getPublic())).isEqualTo(expected);
    }
  }
}
