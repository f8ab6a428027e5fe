package newsdesk.push;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.KeyAgreement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECDH on P-256: the x coordinate of our private scalar times the reader's public point.
 *
 * <p>The JDK's {@code KeyAgreement("ECDH")} also multiplies the public point by the group order
 * to check it, a second scalar multiplication that P-256 (cofactor 1) does not need once the point
 * is known to be on the curve — which {@link P256#publicKey} checks for every reader key. That
 * check is half the cost of a push. Where the JVM exports the JDK's own curve arithmetic
 * ({@code --add-exports java.base/sun.security.ec=ALL-UNNAMED} and its {@code .point} and
 * {@code sun.security.util.math} siblings, as the launcher passes), the secret is computed with
 * that one multiplication, by the same constant-time code the JDK uses; the result is checked
 * against {@code KeyAgreement} once at start-up. Elsewhere {@code KeyAgreement} is used as is.
 */
final class P256Ecdh {
  private static final Logger log = LoggerFactory.getLogger(P256Ecdh.class);
  private static final int BYTES = 32;
  private static final Fast FAST = Fast.load();

  private P256Ecdh() {}

  /** Whether the one-multiplication path is in use (for tests). */
  static boolean fast() {
    return FAST != null;
  }

  static byte[] secret(ECPrivateKey ours, ECPublicKey theirs) throws GeneralSecurityException {
    if (FAST != null) return FAST.secret(ours, theirs.getW());
    return viaKeyAgreement(ours, theirs);
  }

  static byte[] viaKeyAgreement(ECPrivateKey ours, ECPublicKey theirs) throws GeneralSecurityException {
    var agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(ours);
    agreement.doPhase(theirs, true);
    return agreement.generateSecret();
  }

  /** The JDK's P-256 arithmetic reached through method handles. */
  private record Fast(Object operations, MethodHandle multiply, MethodHandle asAffine, MethodHandle getX,
      MethodHandle asByteArray) {

    byte[] secret(ECPrivateKey ours, ECPoint theirs) throws GeneralSecurityException {
      try {
        Object product = multiply.invoke(operations, theirs, littleEndian(ours.getS()));
        Object x = getX.invoke(asAffine.invoke(product));
        byte[] le = (byte[]) asByteArray.invoke(x, BYTES);
        return reverse(le);
      } catch (GeneralSecurityException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new GeneralSecurityException("P-256 multiplication failed", t);
      }
    }

    static Fast load() {
      try {
        // Our own lookup: the exports name our (unnamed) module, which publicLookup() does not count.
        var lookup = MethodHandles.lookup();
        Class<?> ops = Class.forName("sun.security.ec.ECOperations");
        Class<?> mutablePoint = Class.forName("sun.security.ec.point.MutablePoint");
        Class<?> affinePoint = Class.forName("sun.security.ec.point.AffinePoint");
        Class<?> integer = Class.forName("sun.security.util.math.IntegerModuloP");
        Class<?> immutable = Class.forName("sun.security.util.math.ImmutableIntegerModuloP");
        Object operations = ((Optional<?>) lookup.findStatic(ops, "forParameters",
            MethodType.methodType(Optional.class, ECParameterSpec.class)).invoke(P256.SPEC)).orElseThrow();
        var fast = new Fast(operations,
            lookup.findVirtual(ops, "multiply", MethodType.methodType(mutablePoint, ECPoint.class, byte[].class)),
            lookup.findVirtual(mutablePoint, "asAffine", MethodType.methodType(affinePoint)),
            lookup.findVirtual(affinePoint, "getX", MethodType.methodType(immutable)),
            lookup.findVirtual(integer, "asByteArray", MethodType.methodType(byte[].class, int.class)));
        // Trust it only if it agrees with the JDK's own key agreement.
        var g = KeyPairGenerator.getInstance("EC");
        g.initialize(P256.SPEC);
        KeyPair a = g.generateKeyPair();
        KeyPair b = g.generateKeyPair();
        byte[] expected = viaKeyAgreement((ECPrivateKey) a.getPrivate(), (ECPublicKey) b.getPublic());
        if (!Arrays.equals(expected, fast.secret((ECPrivateKey) a.getPrivate(), ((ECPublicKey) b.getPublic()).getW()))) {
          log.warn("the JDK's P-256 arithmetic disagreed with KeyAgreement; using KeyAgreement");
          return null;
        }
        return fast;
      } catch (Throwable notExported) {
        log.info("Web Push uses KeyAgreement for ECDH (the JDK's curve arithmetic is not exported to us: {})",
            notExported.toString());
        return null;
      }
    }

    private static byte[] littleEndian(BigInteger s) {
      byte[] be = s.toByteArray();
      byte[] le = new byte[BYTES];
      for (int i = 0; i < Math.min(BYTES, be.length); i++) le[i] = be[be.length - 1 - i];
      return le;
    }

    private static byte[] reverse(byte[] b) {
      byte[] r = new byte[b.length];
      for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
      return r;
    }
  }
}
