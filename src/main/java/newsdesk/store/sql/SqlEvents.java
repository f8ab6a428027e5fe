package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import newsdesk.store.Event;

/** The event log's reads and its pruning, on a connection the caller holds. */
final class SqlEvents {
  private SqlEvents() {}

  static List<Event> after(Connection c, long afterSeq, int limit) throws SQLException {
    try (var ps = c.prepareStatement(
        "SELECT seq, event_id, type, topics, data, private, retry, created_at FROM events"
            + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
      ps.setLong(1, afterSeq);
      ps.setInt(2, limit);
      var out = new ArrayList<Event>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(SqlRows.event(rs));
      }
      return out;
    }
  }

  static Optional<Long> seqOfEventId(Connection c, String eventId) throws SQLException {
    try (var ps = c.prepareStatement("SELECT seq FROM events WHERE event_id = ?")) {
      ps.setString(1, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) return Optional.of(rs.getLong(1));
      }
    }
    // An all-digit id is a position in the log (publishers may not choose one), valid up to
    // the newest event even if that event itself carries a publisher's id or was pruned.
    if (!eventId.matches("[0-9]{1,18}")) return Optional.empty();
    long seq = Long.parseLong(eventId);
    return seq <= SqlQueries.lastSeq(c) ? Optional.of(seq) : Optional.empty();
  }

  /** Inside a write transaction: drops events beyond the newest {@code keep}. */
  static int prune(Connection c, long keep) throws SQLException {
    long last = SqlQueries.lastSeq(c);
    long through = last - keep;
    if (through <= SqlQueries.prunedThrough(c)) return 0;
    int removed;
    try (var ps = c.prepareStatement("DELETE FROM events WHERE seq <= ?")) {
      ps.setLong(1, through);
      removed = ps.executeUpdate();
    }
    try (var ps = c.prepareStatement("UPDATE hub_state SET value = ? WHERE name = 'pruned_through'")) {
      ps.setLong(1, through);
      ps.executeUpdate();
    }
    return removed;
  }
}
