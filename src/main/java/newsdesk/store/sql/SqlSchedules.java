package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import newsdesk.store.ScheduledStory;

/**
 * Scheduled stories: which are due, and the claim that lets exactly one transaction publish each
 * (decision 0155). Served by the index on {@code (status, scheduled_at)}.
 */
final class SqlSchedules {
  private SqlSchedules() {}

  static Optional<Instant> next(Connection c) throws SQLException {
    try (var ps = c.prepareStatement("SELECT MIN(scheduled_at) FROM stories WHERE status = 'SCHEDULED'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long ms = rs.getLong(1);
      return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }
  }

  static List<ScheduledStory> due(Connection c, Instant now, int limit) throws SQLException {
    try (var ps = c.prepareStatement("SELECT slug, scheduled_at FROM stories WHERE status = 'SCHEDULED' AND scheduled_at <= ?"
        + " ORDER BY scheduled_at, id LIMIT ?")) {
      ps.setLong(1, now.toEpochMilli());
      ps.setInt(2, limit);
      var out = new ArrayList<ScheduledStory>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(new ScheduledStory(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
      }
      return out;
    }
  }

  /**
   * A conditional UPDATE, so the claim holds without the writers' lock too: on PostgreSQL a second
   * claim waits for the first one's row lock, then re-reads the row and matches nothing.
   */
  static boolean claim(Connection c, long storyId, Instant now) throws SQLException {
    try (var ps = c.prepareStatement("UPDATE stories SET scheduled_at = NULL"
        + " WHERE id = ? AND status = 'SCHEDULED' AND scheduled_at <= ?")) {
      ps.setLong(1, storyId);
      ps.setLong(2, now.toEpochMilli());
      return ps.executeUpdate() == 1;
    }
  }
}
