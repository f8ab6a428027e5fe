package newsdesk.store;

import java.time.Instant;

/**
 * The server's VAPID key pair as the store keeps it: base64url of the uncompressed public point and
 * of the private scalar. {@link #toString()} never shows the private key.
 */
public record StoredVapidKeys(String publicKey, String privateKey, Instant createdAt) {
  @Override
  public String toString() {
    return "StoredVapidKeys[publicKey=" + publicKey + ", createdAt=" + createdAt + "]";
  }
}
