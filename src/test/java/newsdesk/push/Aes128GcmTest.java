package newsdesk.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import newsdesk.testing.PushSubscriber;
import org.junit.jupiter.api.Test;

class Aes128GcmTest {
  private static byte[] b(String base64url) {
    return P256.unb64(base64url).orElseThrow();
  }

  /** RFC 8291 Appendix A, every input injected; the body must match byte for byte. */
  @Test
  void reproducesTheRfc8291AppendixAExampleByteForByte() {
    byte[] plaintext = b("V2hlbiBJIGdyb3cgdXAsIEkgd2FudCB0byBiZSBhIHdhdGVybWVsb24");
    assertThat(new String(plaintext, StandardCharsets.US_ASCII)).isEqualTo("When I grow up, I want to be a watermelon");
    var asPublic = P256.publicKey(b("BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8"));
    var asPrivate = P256.privateKey(b("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"));
    byte[] uaPublic = b("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4");
    byte[] salt = b("DGv6ra1nlYgDCS1FRnbzlw");
    byte[] auth = b("BTBZMqHH6r4Tts7J_aSIgg");

    byte[] body = new Aes128Gcm().encrypt(plaintext, uaPublic, auth, new KeyPair(asPublic, asPrivate), salt);

    assertThat(P256.b64(body)).isEqualTo("DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN");
  }

  @Test
  void theRfcExampleDecryptsWithTheUserAgentsPrivateKey() throws Exception {
    var ua = new PushSubscriber(P256.privateKey(b("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94")),
        b("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"),
        b("BTBZMqHH6r4Tts7J_aSIgg"));
    byte[] body = new Aes128Gcm().encrypt("When I grow up".getBytes(StandardCharsets.UTF_8), b(ua.p256dh()), b(ua.auth()));
    assertThat(new String(ua.decrypt(body), StandardCharsets.UTF_8)).isEqualTo("When I grow up");
  }

  @Test
  void everyMessageHasAFreshSaltAndEphemeralKey() {
    var ua = PushSubscriber.create();
    var enc = new Aes128Gcm();
    byte[] one = enc.encrypt(new byte[10], b(ua.p256dh()), b(ua.auth()));
    byte[] two = enc.encrypt(new byte[10], b(ua.p256dh()), b(ua.auth()));
    assertThat(Arrays.copyOfRange(one, 0, 16)).isNotEqualTo(Arrays.copyOfRange(two, 0, 16));
    assertThat(Arrays.copyOfRange(one, 21, 86)).isNotEqualTo(Arrays.copyOfRange(two, 21, 86));
  }

  @Test
  void theLargestPayloadFitsIn4096BytesAndOneByteMoreIsRefused() throws Exception {
    var ua = PushSubscriber.create();
    var enc = new Aes128Gcm();
    byte[] body = enc.encrypt(new byte[Aes128Gcm.MAX_PLAINTEXT], b(ua.p256dh()), b(ua.auth()));
    assertThat(body).hasSize(4096);
    assertThat(ua.decrypt(body)).hasSize(Aes128Gcm.MAX_PLAINTEXT);
    assertThatThrownBy(() -> enc.encrypt(new byte[Aes128Gcm.MAX_PLAINTEXT + 1], b(ua.p256dh()), b(ua.auth())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPointOffTheCurveIsRefused() {
    byte[] point = b(PushSubscriber.create().p256dh());
    point[64] ^= 1;
    assertThat(P256.isValidPoint(point)).isFalse();
    assertThatThrownBy(() -> new Aes128Gcm().encrypt(new byte[1], point, new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(P256.isValidPoint(new byte[65])).isFalse();
    assertThat(P256.isValidPoint(new byte[33])).isFalse();
  }
}
