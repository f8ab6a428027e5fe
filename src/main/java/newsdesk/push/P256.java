package newsdesk.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The NIST P-256 curve as Web Push uses it: public keys travel as 65-byte uncompressed points
 * (0x04 ‖ X ‖ Y), private keys as the 32-byte scalar, both base64url without padding.
 *
 * <p>Why the explicit curve check: the JDK's KeyFactory builds a key from any pair of numbers, and
 * ECDH with a point that is not on the curve (an "invalid curve" attack) can leak bits of our
 * ephemeral scalar. A browser never sends such a point, so a subscription carrying one is refused.
 */
public final class P256 {
  public static final int POINT_BYTES = 65;
  public static final ECParameterSpec SPEC = spec();
  private static final BigInteger P = new BigInteger(
      "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  private static final BigInteger B = new BigInteger(
      "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private P256() {}

  private static ECParameterSpec spec() {
    try {
      var params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no P-256", e);
    }
  }

  public static String b64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  /** Decodes base64url with or without padding; empty if it is not base64url at all. */
  public static Optional<byte[]> unb64(String s) {
    if (s == null) return Optional.empty();
    String t = s.strip();
    while (t.endsWith("=")) t = t.substring(0, t.length() - 1);
    if (!t.matches("[A-Za-z0-9_-]*")) return Optional.empty();
    try {
      return Optional.of(B64D.decode(t));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The uncompressed point of {@code key}, 65 bytes. */
  public static byte[] encode(ECPublicKey key) {
    byte[] out = new byte[POINT_BYTES];
    out[0] = 0x04;
    unsigned32(key.getW().getAffineX(), out, 1);
    unsigned32(key.getW().getAffineY(), out, 33);
    return out;
  }

  /** The 32-byte scalar of {@code key}. */
  public static byte[] encode(ECPrivateKey key) {
    byte[] out = new byte[32];
    unsigned32(key.getS(), out, 0);
    return out;
  }

  /** Whether {@code point} is an uncompressed point on P-256 (not the point at infinity). */
  public static boolean isValidPoint(byte[] point) {
    if (point == null || point.length != POINT_BYTES || point[0] != 0x04) return false;
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
    if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) return false;
    // y² = x³ − 3x + b (mod p)
    BigInteger left = y.multiply(y).mod(P);
    BigInteger right = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
    return left.equals(right);
  }

  /** A public key from a point that {@link #isValidPoint} accepted; anything else is refused. */
  public static ECPublicKey publicKey(byte[] point) {
    if (!isValidPoint(point)) throw new IllegalArgumentException("not a point on P-256");
    var w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
        new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, SPEC));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a P-256 public key", e);
    }
  }

  public static ECPrivateKey privateKey(byte[] scalar) {
    if (scalar.length != 32) throw new IllegalArgumentException("a P-256 private key is 32 bytes");
    try {
      return (ECPrivateKey) KeyFactory.getInstance("EC")
          .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), SPEC));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a P-256 private key", e);
    }
  }

  private static void unsigned32(BigInteger n, byte[] out, int at) {
    byte[] b = n.toByteArray(); // big-endian, maybe with a leading sign byte or fewer than 32 bytes
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, at + 32 - len, len);
  }
}
