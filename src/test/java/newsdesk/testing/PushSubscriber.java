package newsdesk.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import newsdesk.push.P256;

/**
 * A browser's side of a push subscription: its P-256 key pair and auth secret, and the receiving
 * half of RFC 8291, written independently of the sender (it parses the aes128gcm header rather
 * than assuming our layout) so a test that decrypts proves more than a round trip.
 */
public final class PushSubscriber {
  private final ECPrivateKey privateKey;
  private final byte[] publicPoint;
  private final byte[] auth;

  public PushSubscriber(ECPrivateKey privateKey, byte[] publicPoint, byte[] auth) {
    this.privateKey = privateKey;
    this.publicPoint = publicPoint;
    this.auth = auth;
  }

  public static PushSubscriber create() {
    try {
      var g = KeyPairGenerator.getInstance("EC");
      g.initialize(P256.SPEC);
      KeyPair pair = g.generateKeyPair();
      byte[] auth = new byte[16];
      new SecureRandom().nextBytes(auth);
      return new PushSubscriber((ECPrivateKey) pair.getPrivate(), P256.encode((ECPublicKey) pair.getPublic()), auth);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String p256dh() {
    return P256.b64(publicPoint);
  }

  public String auth() {
    return P256.b64(auth);
  }

  /** The browser's PushSubscription JSON for {@code endpoint}. */
  public String subscriptionJson(String endpoint, String... topics) {
    var t = new StringBuilder();
    for (String topic : topics) t.append(t.isEmpty() ? "" : ",").append('"').append(topic).append('"');
    return "{\"endpoint\":\"" + endpoint + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\"" + p256dh()
        + "\",\"auth\":\"" + auth() + "\"},\"topics\":[" + t + "]}";
  }

  /** Decrypts an aes128gcm body sent to this subscriber; throws if anything does not check. */
  public byte[] decrypt(byte[] body) throws GeneralSecurityException {
    var in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    int rs = in.getInt();
    int idLength = in.get() & 0xff;
    byte[] senderPoint = new byte[idLength];
    in.get(senderPoint);
    byte[] ciphertext = new byte[in.remaining()];
    in.get(ciphertext);
    if (rs < 18 || ciphertext.length > rs) throw new GeneralSecurityException("record size " + rs + " does not fit");

    var ka = KeyAgreement.getInstance("ECDH");
    ka.init(privateKey);
    ka.doPhase(P256.publicKey(senderPoint), true);
    byte[] ecdh = ka.generateSecret();
    byte[] prkKey = hmac(auth, ecdh);
    byte[] keyInfo = ByteBuffer.allocate(14 + 65 + 65 + 1)
        .put("WebPush: info\0".getBytes(StandardCharsets.US_ASCII)).put(publicPoint).put(senderPoint).put((byte) 1)
        .array();
    byte[] ikm = hmac(prkKey, keyInfo);
    byte[] prk = hmac(salt, ikm);
    byte[] cek = Arrays.copyOf(hmac(prk, "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII)), 16);
    byte[] nonce = Arrays.copyOf(hmac(prk, "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII)), 12);
    var c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = c.doFinal(ciphertext);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) end--; // padding after the delimiter
    if (end < 0 || padded[end] != 2) throw new GeneralSecurityException("no last-record delimiter");
    return Arrays.copyOf(padded, end);
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    var m = Mac.getInstance("HmacSHA256");
    m.init(new SecretKeySpec(key, "HmacSHA256"));
    return m.doFinal(data);
  }
}
