package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsdesk.store.WebSubIntent;
import newsdesk.store.WebSubVerification;

/**
 * The SQL of WebSub's pending verifications ({@code websub_intents}), on a connection the caller
 * holds (inside a write transaction for every method that changes rows). Claimed and handed back
 * with {@link SqlLeases}, as deliveries are.
 */
final class SqlWebSubIntents {
  static final String TABLE = "websub_intents";

  private SqlWebSubIntents() {}

  static WebSubIntent save(Connection c, String mode, String callback, String topic, String secret, long leaseSeconds,
      Instant at) throws SQLException {
    try (var ps = c.prepareStatement("INSERT INTO websub_intents (mode, callback, topic, secret, lease_seconds, state,"
        + " attempts, next_attempt_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) RETURNING id")) {
      ps.setString(1, mode);
      ps.setString(2, callback);
      ps.setString(3, topic);
      ps.setString(4, secret);
      ps.setLong(5, leaseSeconds);
      SqlRows.setInstant(ps, 6, at);
      SqlRows.setInstant(ps, 7, at);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new WebSubIntent(rs.getLong(1), mode, callback, topic, secret, leaseSeconds);
      }
    }
  }

  /** Due intents, oldest first, none behind an older one for the same callback and topic. */
  static List<WebSubIntent> claim(Connection c, SqlDialect dialect, String node, Instant now, Instant leaseUntil,
      int limit) throws SQLException {
    var out = new ArrayList<WebSubIntent>();
    try (var ps = c.prepareStatement("SELECT d.id, d.mode, d.callback, d.topic, d.secret, d.lease_seconds"
        + " FROM websub_intents d WHERE " + SqlLeases.DUE + " AND NOT EXISTS (SELECT 1 FROM websub_intents o"
        + " WHERE o.callback = d.callback AND o.topic = d.topic AND o.id < d.id)"
        + " ORDER BY d.id LIMIT ?" + dialect.claimLock())) {
      SqlLeases.bindDue(ps, now);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new WebSubIntent(rs.getLong("id"), rs.getString("mode"), rs.getString("callback"),
              rs.getString("topic"), rs.getString("secret"), rs.getLong("lease_seconds")));
        }
      }
    }
    SqlLeases.take(c, TABLE, "id = ?", out, node, now, leaseUntil, (ps, i, d) -> ps.setLong(i, d.id()));
    return out;
  }

  /** Each intent still {@code node}'s goes; a confirmed one takes effect with it. */
  static void complete(Connection c, String node, List<WebSubVerification> done) throws SQLException {
    try (var ps = c.prepareStatement("DELETE FROM websub_intents WHERE id = ? AND state = 'in_flight' AND claimed_by = ?")) {
      for (WebSubVerification v : done) {
        ps.setLong(1, v.intent().id());
        ps.setString(2, node);
        if (ps.executeUpdate() == 0 || !v.confirmed()) continue;
        WebSubIntent i = v.intent();
        if (WebSubIntent.SUBSCRIBE.equals(i.mode())) {
          SqlCallbackStore.save(c, i.callback(), i.topic(), i.secret(), i.leaseSeconds(), v.at());
        } else {
          SqlCallbackStore.delete(c, i.callback(), i.topic());
        }
      }
    }
  }
}
