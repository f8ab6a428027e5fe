package newsdesk.auth;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes: Argon2id (RFC 9106) from Bouncy Castle, kept as a PHC string
 * ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}) so the cost can rise later without breaking the
 * hashes already stored. The default cost is OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane
 * (about 50 ms on one core here), with a 16-byte random salt and a 32-byte hash.
 */
public final class Passwords {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 1024;

  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_IN = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  /**
   * Checked against when there is no such user, so an unknown email costs as long as a known one.
   * Made at the first such sign-in, not at start-up, where nodes starting together share the CPU.
   */
  private volatile String decoy;

  public Passwords() {
    this(19 * 1024, 2, 1);
  }

  /** A cost of one's own; tests use a small one. */
  public Passwords(int memoryKib, int iterations, int parallelism) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  /** Why {@code password} may not be used, or null if it may. */
  public static String problem(char[] password) {
    if (password.length < MIN_LENGTH) return "a password must have at least " + MIN_LENGTH + " characters";
    if (password.length > MAX_LENGTH) return "a password must have at most " + MAX_LENGTH + " characters";
    return null;
  }

  public String hash(char[] password) {
    byte[] salt = Secrets.randomBytes(16);
    byte[] out = derive(password, salt, memoryKib, iterations, parallelism, 32);
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
        + "$" + B64.encodeToString(out);
  }

  /** Whether {@code password} hashes to {@code phc}; false for anything that is not our PHC string. */
  public boolean matches(char[] password, String phc) {
    var m = phc == null ? null : PHC.matcher(phc);
    if (m == null || !m.matches() || password.length > MAX_LENGTH) return false;
    int memory = Integer.parseInt(m.group(1));
    int passes = Integer.parseInt(m.group(2));
    int lanes = Integer.parseInt(m.group(3));
    if (memory < 8 * lanes || memory > (1 << 20) || passes < 1 || lanes < 1) return false;
    byte[] expected = B64_IN.decode(m.group(5));
    byte[] actual = derive(password, B64_IN.decode(m.group(4)), memory, passes, lanes, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Spends the time of one check and fails: for a sign-in with an unknown email. */
  public boolean matchesNothing(char[] password) {
    String d = decoy;
    if (d == null) decoy = d = hash(Secrets.random256().toCharArray());
    matches(password, d);
    return false;
  }

  private static byte[] derive(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    var params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build();
    var generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }
}
