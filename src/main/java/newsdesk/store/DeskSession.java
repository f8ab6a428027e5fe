package newsdesk.store;

import java.time.Instant;

/** A desk session as stored: the SHA-256 of the cookie's secret id (hex), never the id itself. */
public record DeskSession(String idHash, long userId, Instant createdAt, Instant expiresAt) {

  @Override
  public String toString() {
    return "DeskSession[user=" + userId + ", expires=" + expiresAt + "]";
  }
}
