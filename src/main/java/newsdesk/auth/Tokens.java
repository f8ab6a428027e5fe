package newsdesk.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
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
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final Clock clock;

  public Tokens(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The secret, to show the caller once, and the stored token. */
  public record Issued(String secret, ApiToken token) {}

  public Issued create(Role role, String name) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
