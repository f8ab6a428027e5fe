package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import newsdesk.store.StoredVapidKeys;

/** The one VAPID key pair of a store (table {@code vapid_keys}, V5): read, and written once. */
final class SqlVapidKeys {
  private SqlVapidKeys() {}

  static Optional<StoredVapidKeys> read(Connection c) throws SQLException {
    try (var ps = c.prepareStatement("SELECT public_key, private_key, created_at FROM vapid_keys");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) return Optional.empty();
      return Optional.of(new StoredVapidKeys(rs.getString(1), rs.getString(2), SqlRows.instant(rs, "created_at")));
    }
  }

  /** Stores {@code candidate} unless a pair is stored already, then returns the stored one. */
  static StoredVapidKeys keep(Connection c, StoredVapidKeys candidate) throws SQLException {
    // Both dialects speak this upsert; the table's one-row key makes a second insert a no-op.
    try (var ps = c.prepareStatement("INSERT INTO vapid_keys (public_key, private_key, created_at) VALUES (?, ?, ?)"
        + " ON CONFLICT (one) DO NOTHING")) {
      ps.setString(1, candidate.publicKey());
      ps.setString(2, candidate.privateKey());
      SqlRows.setInstant(ps, 3, candidate.createdAt());
      ps.executeUpdate();
    }
    return read(c).orElseThrow(() -> new SQLException("vapid_keys is empty right after an insert"));
  }
}
