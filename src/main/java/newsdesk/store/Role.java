package newsdesk.store;

import java.util.Locale;
import java.util.Optional;

/** What a token may do: an editor writes content, an admin may also manage tokens. */
public enum Role {
  EDITOR, ADMIN;

  public boolean allows(Role needed) {
    return this == ADMIN || needed == EDITOR;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String s) {
    for (var r : values()) if (r.wire().equals(s)) return Optional.of(r);
    return Optional.empty();
  }
}
