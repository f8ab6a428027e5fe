package newsdesk.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import newsdesk.store.DeskSession;
import newsdesk.store.SignedIn;
import newsdesk.store.User;
import newsdesk.store.UserStore;

/**
 * Desk sessions: a random 256-bit id goes to the browser in a cookie; the store keeps only its
 * SHA-256, so every node can check it and a copy of the database opens no session. Each session
 * has its own CSRF token, derived from the id (so it needs no column of its own and cannot be
 * worked out without the cookie). Blocking: reads and writes the store.
 */
public final class DeskSessions {
  private static final int MAX_ID_LENGTH = 100;

  private final UserStore store;
  private final Clock clock;
  private final Duration life;

  public DeskSessions(UserStore store, Clock clock, Duration life) {
    this.store = store;
    this.clock = clock;
    this.life = life;
  }

  /** A new session: its secret id, to set in the cookie once, and what the store holds. */
  public record Started(String id, DeskSession session) {}

  public Duration life() {
    return life;
  }

  /** Starts a session for {@code user}, pruning expired ones on the way (sign-ins are rare). */
  public Started start(User user) {
    Instant now = now();
    store.pruneSessions(now);
    String id = Secrets.random256();
    var session = new DeskSession(Secrets.sha256Hex(id), user.id(), now, now.plus(life));
    store.insertSession(session);
    return new Started(id, session);
  }

  /** The live session with this cookie value and its active user. */
  public Optional<SignedIn> resolve(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) return Optional.empty();
    return store.session(Secrets.sha256Hex(id), now());
  }

  public void end(String id) {
    if (id != null && !id.isEmpty() && id.length() <= MAX_ID_LENGTH) store.deleteSession(Secrets.sha256Hex(id));
  }

  /** The session's CSRF token: what its pages put in forms and the desk's script sends back. */
  public static String csrfToken(String id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.sha256("newsdesk-csrf:" + id));
  }

  /** Whether {@code given} is the CSRF token of session {@code id}, compared in constant time. */
  public static boolean csrfMatches(String id, String given) {
    if (id == null || given == null) return false;
    return MessageDigest.isEqual(csrfToken(id).getBytes(StandardCharsets.US_ASCII),
        given.getBytes(StandardCharsets.UTF_8));
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }
}
