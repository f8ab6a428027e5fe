package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the two outboxes' delivery tables ({@code push_deliveries}, {@code callback_deliveries})
 * share: the states pending, in_flight (claimed_by until lease_until), sent and failed, handed
 * back, timed and counted alike (decision 0102). {@code table} is one of those names, never input.
 */
final class SqlLeases {
  private SqlLeases() {}

  static int release(Connection c, String table, String node) throws SQLException {
    try (var ps = c.prepareStatement("UPDATE " + table + " SET state = 'pending', claimed_by = NULL,"
        + " lease_until = NULL WHERE state = 'in_flight' AND claimed_by = ?")) {
      ps.setString(1, node);
      return ps.executeUpdate();
    }
  }

  static Optional<Instant> nextDue(Connection c, String table) throws SQLException {
    try (var ps = c.prepareStatement("SELECT MIN(due) FROM ("
            + "SELECT MIN(next_attempt_at) AS due FROM " + table + " WHERE state = 'pending'"
            + " UNION ALL SELECT MIN(lease_until) AS due FROM " + table + " WHERE state = 'in_flight') AS next");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long ms = rs.getLong(1);
      return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }
  }

  static Map<String, Long> counts(Connection c, String table) throws SQLException {
    var out = new LinkedHashMap<String, Long>();
    for (String s : List.of("pending", "in_flight", "sent", "failed")) out.put(s, 0L);
    try (var ps = c.prepareStatement("SELECT state, COUNT(*) FROM " + table + " GROUP BY state");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
    }
    return out;
  }
}
