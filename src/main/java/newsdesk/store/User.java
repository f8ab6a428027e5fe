package newsdesk.store;

import java.time.Instant;

/**
 * A person who signs in to the desk. {@code email} is lower-case and unique; {@code passwordHash}
 * is a PHC string that {@code toString} never shows. A disabled user can no longer sign in, and
 * their sessions stop working at once.
 */
public record User(long id, String email, String displayName, Role role, String passwordHash, Instant createdAt,
    Instant disabledAt) {

  public boolean active() {
    return disabledAt == null;
  }

  @Override
  public String toString() {
    return "User[id=" + id + ", email=" + email + ", role=" + role.wire() + (active() ? "" : ", disabled") + "]";
  }
}
