package newsdesk.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import newsdesk.store.Role;
import newsdesk.store.User;
import newsdesk.store.UserStore;

/** The desk's people: adding them, checking a password, listing and disabling them. Blocking. */
public final class Users {
  public static final int MAX_EMAIL = 254;
  public static final int MAX_NAME = 120;
  // One @, something either side, no spaces or control characters: the mail server decides the rest.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

  private final UserStore store;
  private final Passwords passwords;
  private final Clock clock;

  public Users(UserStore store, Passwords passwords, Clock clock) {
    this.store = store;
    this.passwords = passwords;
    this.clock = clock;
  }

  /** Refused input: the message says which field and why, and never echoes a password. */
  public static final class InvalidUserException extends IllegalArgumentException {
    public InvalidUserException(String message) {
      super(message);
    }
  }

  /**
   * Adds a user; the password is wiped from {@code password} once hashed.
   *
   * @throws InvalidUserException for a bad email, name or password, or an email already taken
   */
  public User create(String email, String displayName, Role role, char[] password) {
    try {
      String e = normalEmail(email);
      if (e == null) throw new InvalidUserException("the email must look like name@example.org");
      String name = displayName == null ? "" : displayName.strip();
      if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
        throw new InvalidUserException("the display name must be 1 to " + MAX_NAME + " characters");
      }
      String weak = Passwords.problem(password);
      if (weak != null) throw new InvalidUserException(weak);
      var user = new User(0, e, name, role, passwords.hash(password), now(), null);
      return store.insertUser(user).orElseThrow(() -> new InvalidUserException("a user with the email " + e + " exists"));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** The active user with this email and password; empty otherwise, after the same work either way. */
  public Optional<User> authenticate(String email, char[] password) {
    String e = normalEmail(email);
    Optional<User> user = e == null ? Optional.empty() : store.userByEmail(e);
    if (user.isEmpty()) {
      passwords.matchesNothing(password);
      return Optional.empty();
    }
    boolean ok = passwords.matches(password, user.get().passwordHash());
    return ok && user.get().active() ? user : Optional.empty();
  }

  public List<User> list() {
    return store.users();
  }

  /** Disables the user and ends their sessions on every node; false if no such active user. */
  public boolean disable(String email) {
    String e = normalEmail(email);
    return e != null && store.disableUser(e, now());
  }

  /** The lower-cased, trimmed email, or null if it cannot be one. */
  public static String normalEmail(String email) {
    if (email == null) return null;
    String e = email.strip().toLowerCase(Locale.ROOT);
    return e.length() <= MAX_EMAIL && EMAIL.matcher(e).matches() ? e : null;
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }
}
