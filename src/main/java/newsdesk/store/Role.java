package newsdesk.store;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person or token may do, in rising order: a contributor writes drafts and submits them, an
 * editor also publishes, retracts, corrects and alerts, an admin also manages people and tokens.
 */
public enum Role {
  CONTRIBUTOR, EDITOR, ADMIN;

  /** Each role may do everything the roles below it may. */
  public boolean allows(Role needed) {
    return compareTo(needed) >= 0;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String s) {
    for (var r : values()) if (r.wire().equals(s)) return Optional.of(r);
    return Optional.empty();
  }
}
