package newsdesk.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Optional;
import newsdesk.store.PushStore;
import newsdesk.store.StoredVapidKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's VAPID key pair (RFC 8292), kept in the store, so every node on one store signs with
 * the same pair and a subscription made through any node can be sent by any other.
 *
 * <p>Never rotated silently: every browser subscription is bound to the public key it was created
 * with, and a push service refuses messages signed by another key. So a pair is made only for a
 * store that has none, and a stored pair that cannot be read, or whose halves do not match, stops
 * the server rather than being replaced. Servers before this kept the pair in {@code vapid.json}
 * in the data directory; on a store's first start that file's pair, if there is one, becomes the
 * store's, so its subscribers keep receiving alerts.
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

  /**
   * The store's pair. On a store without one: the pair in {@code dataDir}'s {@value #FILE} if there
   * is one, else a new one, kept unless another node kept its own first (then that one is used).
   */
  public static VapidKeys loadOrCreate(PushStore store, Path dataDir) {
    Path file = dataDir.resolve(FILE);
    Optional<StoredVapidKeys> stored = store.vapidKeys();
    if (stored.isPresent()) {
      VapidKeys keys = of(stored.get());
      if (Files.exists(file)) warnIfOther(file, keys);
      return keys;
    }
    boolean fromFile = Files.exists(file);
    VapidKeys candidate = fromFile ? load(file) : generate();
    VapidKeys kept = of(store.keepVapidKeys(candidate.stored(Instant.now())));
    if (!kept.publicKeyB64.equals(candidate.publicKeyB64)) {
      if (fromFile) warnIfOther(file, kept); // another node stored its pair first
    } else if (fromFile) {
      log.info("moved the VAPID key pair from {} into the store, which keeps it from now on (back up the store)", file);
    } else {
      log.info("generated the VAPID key pair in the store; keep it (back up the store): replacing it strands every push subscriber");
    }
    return kept;
  }

  /** The pair as the store keeps it. */
  StoredVapidKeys stored(Instant createdAt) {
    return new StoredVapidKeys(publicKeyB64, P256.b64(P256.encode(privateKey)), createdAt);
  }

  private static VapidKeys of(StoredVapidKeys stored) {
    try {
      return decode(stored.publicKey(), stored.privateKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("the store holds no usable VAPID key pair (table vapid_keys). It is not replaced"
          + " automatically, because new keys cut off every existing push subscriber; restore it from a backup,"
          + " or delete the row on purpose to start over", e);
    }
  }

  private static VapidKeys load(Path file) {
    try {
      JsonNode n = JSON.readTree(Files.readString(file));
      return decode(n.path("publicKey").asText(null), n.path("privateKey").asText(null));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException(file + " holds no usable VAPID key pair. It is not replaced"
          + " automatically, because new keys cut off every existing push subscriber; restore it"
          + " from a backup, or delete it on purpose to start over", e);
    }
  }

  /** A pair from its base64url halves, checked to belong together. */
  private static VapidKeys decode(String publicB64, String privateB64) throws GeneralSecurityException {
    byte[] pub = P256.unb64(publicB64).orElseThrow();
    byte[] priv = P256.unb64(privateB64).orElseThrow();
    var keys = new VapidKeys(P256.publicKey(pub), P256.privateKey(priv));
    keys.checkPair();
    return keys;
  }

  /** A {@value #FILE} beside a store with another pair is left alone, but said, once, at start. */
  private static void warnIfOther(Path file, VapidKeys used) {
    String inFile;
    try {
      inFile = JSON.readTree(Files.readString(file)).path("publicKey").asText("");
    } catch (IOException e) {
      inFile = "";
    }
    if (!inFile.equals(used.publicKeyB64)) {
      log.warn("{} holds another VAPID key pair than the store; the store's is used, and subscriptions made with"
          + " the file's no longer receive alerts", file);
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
