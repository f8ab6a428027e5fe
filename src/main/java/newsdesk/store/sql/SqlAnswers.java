package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import newsdesk.store.StoredAnswer;

/** First answers to keyed API creates (table {@code idempotent_answers}, V7): read, stored, pruned. */
final class SqlAnswers {
  private SqlAnswers() {}

  static Optional<StoredAnswer> read(Connection c, String scope, String key, Instant now) throws SQLException {
    try (var ps = c.prepareStatement("SELECT fingerprint, status, location, body, expires_at FROM idempotent_answers"
        + " WHERE scope = ? AND idem_key = ? AND expires_at >= ?")) {
      ps.setString(1, scope);
      ps.setString(2, key);
      SqlRows.setInstant(ps, 3, now);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new StoredAnswer(scope, key, rs.getString(1), rs.getInt(2), rs.getString(3),
            rs.getString(4), SqlRows.instant(rs, "expires_at")));
      }
    }
  }

  /** Stores {@code a}, replacing an expired answer under the same key (one not yet pruned). */
  static void store(Connection c, StoredAnswer a) throws SQLException {
    try (var ps = c.prepareStatement("DELETE FROM idempotent_answers WHERE scope = ? AND idem_key = ?")) {
      ps.setString(1, a.scope());
      ps.setString(2, a.key());
      ps.executeUpdate();
    }
    try (var ps = c.prepareStatement("INSERT INTO idempotent_answers"
        + " (scope, idem_key, fingerprint, status, location, body, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, a.scope());
      ps.setString(2, a.key());
      ps.setString(3, a.fingerprint());
      ps.setInt(4, a.status());
      ps.setString(5, a.location());
      ps.setString(6, a.body());
      SqlRows.setInstant(ps, 7, a.expiresAt());
      ps.executeUpdate();
    }
  }

  static int prune(Connection c, Instant now) throws SQLException {
    try (var ps = c.prepareStatement("DELETE FROM idempotent_answers WHERE expires_at < ?")) {
      SqlRows.setInstant(ps, 1, now);
      return ps.executeUpdate();
    }
  }
}
