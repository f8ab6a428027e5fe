package newsdesk.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import newsdesk.store.ApiToken;
import newsdesk.store.Role;
import newsdesk.store.Store;

/**
 * API tokens: 256 random bits shown once at creation; only their SHA-256 is stored, so a copy of
 * the database does not hand out working tokens.
 */
public final class Tokens {
  private static final String PREFIX = "nd_";

  private final Store store;
  private final Clock clock;

  public Tokens(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The secret, to show the caller once, and the stored token. */
  public record Issued(String secret, ApiToken token) {}

  public Issued create(Role role, String name) {
    String secret = PREFIX + Secrets.random256();
    var token = new ApiToken(0, name, role, hash(secret), Instant.ofEpochMilli(clock.millis()), null);
    return new Issued(secret, store.write(tx -> tx.insertToken(token)).value());
  }

  public Optional<ApiToken> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) return Optional.empty();
    return store.tokenByHash(hash(secret)).filter(ApiToken::active);
  }

  public List<ApiToken> list() {
    return store.tokens();
  }

  public boolean revoke(long id) {
    return store.write(tx -> tx.revokeToken(id, Instant.ofEpochMilli(clock.millis()))).value();
  }

  static String hash(String secret) {
    return Secrets.sha256Hex(secret);
  }
}
