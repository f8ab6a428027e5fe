package newsdesk.store;

import java.time.Instant;

/** An API token as stored: only the SHA-256 of the secret is kept. */
public record ApiToken(long id, String name, Role role, String tokenHash, Instant createdAt, Instant revokedAt) {

  public boolean active() {
    return revokedAt == null;
  }
}
