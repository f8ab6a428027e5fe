package newsdesk.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) in the aes128gcm content coding (RFC 8188), with the
 * JDK's own crypto. Each message gets a fresh ephemeral P-256 key pair and a fresh 16-byte salt:
 * reusing either would reuse the content key and nonce, and AES-GCM under a repeated nonce gives
 * away the plaintext.
 *
 * <p>One record only: a push message is at most {@link #MAX_PLAINTEXT} bytes, so the whole body is
 * header ‖ AES-GCM(plaintext ‖ 0x02) with the record size fixed at 4096. Thread-safe.
 */
public final class Aes128Gcm {
  /** Largest plaintext that keeps the body within the 4096 bytes every push service must accept. */
  public static final int MAX_PLAINTEXT = 3993;
  static final int RECORD_SIZE = 4096;
  private static final int SALT_BYTES = 16;
  private static final int TAG_BYTES = 16;
  private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII);

  private final SecureRandom random = new SecureRandom();

  /** Encrypts {@code plaintext} for the subscriber whose keys are {@code uaPublic} and {@code authSecret}. */
  public byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return encrypt(plaintext, uaPublic, authSecret, ephemeral(), salt);
  }

  /** As above with a given ephemeral key pair and salt: only for test vectors, never in production. */
  byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret, KeyPair ephemeral, byte[] salt) {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("push payload over " + MAX_PLAINTEXT + " bytes: " + plaintext.length);
    }
    if (authSecret.length != 16) throw new IllegalArgumentException("the auth secret is 16 bytes");
    if (salt.length != SALT_BYTES) throw new IllegalArgumentException("the salt is 16 bytes");
    try {
      ECPublicKey ua = P256.publicKey(uaPublic);
      byte[] asPublic = P256.encode((ECPublicKey) ephemeral.getPublic());
      byte[] ecdhSecret = P256Ecdh.secret((java.security.interfaces.ECPrivateKey) ephemeral.getPrivate(), ua);

      // RFC 8291 §3.4: the auth secret and both public keys go into the input keying material.
      byte[] prkKey = hmac(authSecret, ecdhSecret);
      byte[] keyInfo = concat(KEY_INFO, uaPublic, asPublic, new byte[] {1});
      byte[] ikm = hmac(prkKey, keyInfo);
      // RFC 8188 §2.2: content key and nonce from the salt; one record, so sequence number 0.
      byte[] prk = hmac(salt, ikm);
      byte[] cek = Arrays.copyOf(hmac(prk, CEK_INFO), 16);
      byte[] nonce = Arrays.copyOf(hmac(prk, NONCE_INFO), 12);

      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
      int headerLength = SALT_BYTES + 4 + 1 + asPublic.length;
      byte[] out = new byte[headerLength + plaintext.length + 1 + TAG_BYTES];
      ByteBuffer.wrap(out).put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic);
      // 0x02: the padding delimiter of the last record (RFC 8188 §2), with no padding after it.
      byte[] record = Arrays.copyOf(plaintext, plaintext.length + 1);
      record[plaintext.length] = 2;
      int written = cipher.doFinal(record, 0, record.length, out, headerLength);
      if (written != record.length + TAG_BYTES) throw new IllegalStateException("short AES-GCM output");
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("aes128gcm encryption failed", e);
    }
  }

  // One initialised generator per thread: looking the curve up again for every message cost as
  // much as a fifth of a push. KeyPairGenerator is not thread-safe, hence per thread.
  private static final ThreadLocal<KeyPairGenerator> GENERATOR = ThreadLocal.withInitial(() -> {
    try {
      var g = KeyPairGenerator.getInstance("EC");
      g.initialize(P256.SPEC);
      return g;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make P-256 key pairs", e);
    }
  });

  private static KeyPair ephemeral() {
    return GENERATOR.get().generateKeyPair();
  }

  static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    var mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
