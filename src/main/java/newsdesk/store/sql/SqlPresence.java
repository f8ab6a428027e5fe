package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsdesk.store.PresenceRow;

/** Who has what open on every node (tables {@code presence_nodes} and {@code presence}, V13; decision 0164). */
final class SqlPresence {
  private SqlPresence() {}

  /** Renews or takes the lease, applies the changes, deletes lapsed nodes; false if there was no lease. */
  static boolean share(Connection c, String node, Instant now, Instant expiresAt, List<PresenceRow> changes)
      throws SQLException {
    boolean renewed;
    try (var ps = c.prepareStatement("UPDATE presence_nodes SET expires_at = ? WHERE node = ?")) {
      SqlRows.setInstant(ps, 1, expiresAt);
      ps.setString(2, node);
      renewed = ps.executeUpdate() == 1;
    }
    if (!renewed) {
      delete(c, node); // rows left from a lease that lapsed count no more: the caller shares them all again
      try (var ps = c.prepareStatement("INSERT INTO presence_nodes (node, expires_at) VALUES (?, ?)")) {
        ps.setString(1, node);
        SqlRows.setInstant(ps, 2, expiresAt);
        ps.executeUpdate();
      }
    }
    apply(c, node, changes);
    pruneLapsed(c, now);
    return renewed;
  }

  private static void apply(Connection c, String node, List<PresenceRow> changes) throws SQLException {
    try (var upsert = c.prepareStatement("INSERT INTO presence (node, topic, member, count) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (node, topic, member) DO UPDATE SET count = excluded.count");
        var delete = c.prepareStatement("DELETE FROM presence WHERE node = ? AND topic = ? AND member = ?")) {
      boolean upserts = false;
      boolean deletes = false;
      for (PresenceRow r : changes) {
        var ps = r.count() == 0 ? delete : upsert;
        ps.setString(1, node);
        ps.setString(2, r.topic());
        ps.setString(3, r.member());
        if (r.count() == 0) {
          deletes = true;
        } else {
          ps.setLong(4, r.count());
          upserts = true;
        }
        ps.addBatch();
      }
      if (upserts) upsert.executeBatch();
      if (deletes) delete.executeBatch();
    }
  }

  /**
   * Deletes the nodes whose lease ran out and then their rows. The lease rows go first: on
   * PostgreSQL a second node pruning at once waits for that row, finds it gone and deletes nothing,
   * so two nodes never delete the same rows in different orders.
   */
  private static void pruneLapsed(Connection c, Instant now) throws SQLException {
    var lapsed = new ArrayList<String>();
    try (var ps = c.prepareStatement("DELETE FROM presence_nodes WHERE expires_at <= ? RETURNING node")) {
      SqlRows.setInstant(ps, 1, now);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) lapsed.add(rs.getString(1));
      }
    }
    for (String node : lapsed) delete(c, node);
  }

  static List<PresenceRow> all(Connection c, Instant now) throws SQLException {
    try (var ps = c.prepareStatement("SELECT p.topic, p.member, SUM(p.count) FROM presence p"
        + " JOIN presence_nodes n ON n.node = p.node WHERE n.expires_at > ? GROUP BY p.topic, p.member")) {
      SqlRows.setInstant(ps, 1, now);
      try (ResultSet rs = ps.executeQuery()) {
        var out = new ArrayList<PresenceRow>();
        while (rs.next()) out.add(new PresenceRow(rs.getString(1), rs.getString(2), rs.getLong(3)));
        return out;
      }
    }
  }

  static void drop(Connection c, String node) throws SQLException {
    try (var ps = c.prepareStatement("DELETE FROM presence_nodes WHERE node = ?")) {
      ps.setString(1, node);
      ps.executeUpdate();
    }
    delete(c, node);
  }

  private static void delete(Connection c, String node) throws SQLException {
    try (var ps = c.prepareStatement("DELETE FROM presence WHERE node = ?")) {
      ps.setString(1, node);
      ps.executeUpdate();
    }
  }
}
