package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
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

  /**
   * The statement that ends {@code node}'s claim on one delivery of {@code table}, whose key
   * columns ({@code key}, a constant) follow the four outcome parameters that {@link #outcome} sets.
   */
  static PreparedStatement completion(Connection c, String table, String key) throws SQLException {
    return c.prepareStatement("UPDATE " + table + " SET state = ?, next_attempt_at = ?, updated_at = ?,"
        + " last_status = ?, claimed_by = NULL, lease_until = NULL WHERE " + key + " AND state = 'in_flight'"
        + " AND claimed_by = ?");
  }

  /**
   * Parameters 1–4 of {@link #completion}: SENT is sent, RETRY pending again at {@code next}, any
   * other state (given up) failed.
   */
  static void outcome(PreparedStatement ps, Enum<?> state, Instant next, Instant at, int status) throws SQLException {
    ps.setString(1, switch (state.name()) {
      case "SENT" -> "sent";
      case "RETRY" -> "pending";
      default -> "failed";
    });
    SqlRows.setInstant(ps, 2, next != null ? next : at);
    SqlRows.setInstant(ps, 3, at);
    ps.setInt(4, status);
  }

  /**
   * Which rows of a delivery table aliased {@code d} a claim may take: pending ones due, and in-flight
   * ones whose lease has run out (their node died). Its two parameters are set by {@link #bindDue}.
   */
  static final String DUE =
      "((d.state = 'pending' AND d.next_attempt_at <= ?) OR (d.state = 'in_flight' AND d.lease_until <= ?))";

  static void bindDue(PreparedStatement ps, Instant now) throws SQLException {
    SqlRows.setInstant(ps, 1, now);
    SqlRows.setInstant(ps, 2, now);
  }

  /** Sets one item's key columns, from parameter {@code first} on. */
  @FunctionalInterface
  interface Key<T> {
    void bind(PreparedStatement ps, int first, T item) throws SQLException;
  }

  /** Marks {@code items} (rows of {@code table} found by {@code key}) in flight, claimed by {@code node}. */
  static <T> void take(Connection c, String table, String key, List<T> items, String node, Instant now,
      Instant leaseUntil, Key<T> binder) throws SQLException {
    if (items.isEmpty()) return;
    try (var ps = c.prepareStatement("UPDATE " + table + " SET state = 'in_flight', attempts = attempts + 1,"
        + " updated_at = ?, claimed_by = ?, lease_until = ? WHERE " + key)) {
      for (T item : items) {
        SqlRows.setInstant(ps, 1, now);
        ps.setString(2, node);
        SqlRows.setInstant(ps, 3, leaseUntil);
        binder.bind(ps, 4, item);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
