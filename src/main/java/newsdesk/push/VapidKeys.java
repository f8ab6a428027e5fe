package newsdesk.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's VAPID key pair (RFC 8292), kept in {@code vapid.json} in the data directory with
 * owner-only permissions.
 *
 * <p>Never rotated silently: every browser subscription is bound to the public key it was created
 * with, and a push service refuses messages signed by another key. So the pair is generated only
 * when the file does not exist; a file that exists but cannot be read, or whose halves do not
 * match, stops the server rather than being replaced.
 */
public final class VapidKeys {
  public static final String FILE = "vapid.json";
  private static final Logger log = LoggerFactory.getLogger(VapidKeys.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ECPublicKey publicKey;
  private final ECPrivateKey privateKey;
  private final String publicKeyB64;

  public VapidKeys(ECPublicKey publicKey, ECPrivateKey privateKey) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.publicKeyB64 = P256.b64(P256.encode(publicKey));
  }

  public ECPublicKey publicKey() {
    return publicKey;
  }

  public ECPrivateKey privateKey() {
    return privateKey;
  }

  /** The uncompressed public point, base64url: the browser's {@code applicationServerKey}. */
  public String publicKeyBase64() {
    return publicKeyB64;
  }

  public static VapidKeys generate() {
    try {
      var g = KeyPairGenerator.getInstance("EC");
      g.initialize(P256.SPEC);
      var pair = g.generateKeyPair();
      return new VapidKeys((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a P-256 key pair", e);
    }
  }

  /** Loads the pair from {@code dataDir}, generating and saving one on the first run only. */
  public static VapidKeys loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) return load(file);
    VapidKeys keys = generate();
    try {
      keys.save(file);
      log.info("generated the VAPID key pair in {}; keep it: replacing it strands every push subscriber", file);
      return keys;
    } catch (FileAlreadyExistsException e) {
      return load(file); // another process (a second server on this data directory) won the race
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }

  static VapidKeys load(Path file) {
    try {
      JsonNode n = JSON.readTree(Files.readString(file));
      byte[] pub = P256.unb64(n.path("publicKey").asText(null)).orElseThrow();
      byte[] priv = P256.unb64(n.path("privateKey").asText(null)).orElseThrow();
      var keys = new VapidKeys(P256.publicKey(pub), P256.privateKey(priv));
      keys.checkPair();
      return keys;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException(file + " holds no usable VAPID key pair. It is not replaced"
          + " automatically, because new keys cut off every existing push subscriber; restore it"
          + " from a backup, or delete it on purpose to start over", e);
    }
  }

  private void save(Path file) throws IOException {
    var n = JSON.createObjectNode();
    n.put("publicKey", publicKeyB64);
    n.put("privateKey", P256.b64(P256.encode(privateKey)));
    n.put("createdAt", Instant.now().toString());
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Files.createDirectories(file.getParent()); // on PostgreSQL nothing else puts files in the data directory
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp); // not a POSIX file system
    }
    Files.writeString(tmp, n.toPrettyString() + "\n", StandardCharsets.UTF_8);
    if (Files.exists(file)) throw new FileAlreadyExistsException(file.toString());
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file);
    }
  }

  /** Signs and verifies once: a file whose public half does not belong to its private half fails here. */
  private void checkPair() throws GeneralSecurityException {
    byte[] probe = "newsdesk vapid".getBytes(StandardCharsets.US_ASCII);
    var s = Signature.getInstance("SHA256withECDSA");
    s.initSign(privateKey);
    s.update(probe);
    byte[] sig = s.sign();
    var v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(publicKey);
    v.update(probe);
    if (!v.verify(sig)) throw new GeneralSecurityException("the public key does not match the private key");
  }
}
