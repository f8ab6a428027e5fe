package newsdesk.store;

import java.time.Instant;

/** A registered webhook: every newsroom event goes to {@code url}, signed with {@code secret}. */
public record Webhook(long id, String url, String secret, Instant createdAt) {
  @Override
  public String toString() {
    return "Webhook[id=" + id + ", url=" + url + ", createdAt=" + createdAt + "]"; // never the secret
  }
}
