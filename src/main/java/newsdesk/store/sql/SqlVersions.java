package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import newsdesk.store.StoryStatus;
import newsdesk.store.StoryVersion;

/** Stories' saved versions (table {@code story_versions}, V9): kept, listed, read. */
final class SqlVersions {
  private static final String COLUMNS = "SELECT story_id, at, headline, summary, body, section, tags, status, by_name,"
      + " action, changed FROM story_versions";

  private SqlVersions() {}

  static void insert(Connection c, StoryVersion v) throws SQLException {
    try (var ps = c.prepareStatement("INSERT INTO story_versions (story_id, at, headline, summary, body, section, tags,"
        + " status, by_name, action, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, v.storyId());
      SqlRows.setInstant(ps, 2, v.at());
      ps.setString(3, v.headline());
      ps.setString(4, v.summary());
      ps.setString(5, v.body());
      ps.setString(6, v.section());
      ps.setString(7, SqlRows.json(v.tags()));
      ps.setString(8, v.status().name());
      ps.setString(9, v.by());
      ps.setString(10, v.action());
      ps.setString(11, SqlRows.json(v.changed()));
      ps.executeUpdate();
    }
  }

  static List<StoryVersion> list(Connection c, long storyId, Long before, int limit) throws SQLException {
    String sql = COLUMNS + " WHERE story_id = ?" + (before == null ? "" : " AND at < ?") + " ORDER BY at DESC LIMIT ?";
    try (var ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setLong(i++, storyId);
      if (before != null) ps.setLong(i++, before);
      ps.setInt(i, limit);
      var out = new ArrayList<StoryVersion>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(row(rs));
      }
      return out;
    }
  }

  static Optional<StoryVersion> one(Connection c, long storyId, long version) throws SQLException {
    try (var ps = c.prepareStatement(COLUMNS + " WHERE story_id = ? AND at = ?")) {
      ps.setLong(1, storyId);
      ps.setLong(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static StoryVersion row(ResultSet rs) throws SQLException {
    return new StoryVersion(rs.getLong("story_id"), SqlRows.instant(rs, "at"), rs.getString("headline"),
        rs.getString("summary"), rs.getString("body"), rs.getString("section"), SqlRows.strings(rs.getString("tags")),
        StoryStatus.valueOf(rs.getString("status")), rs.getString("by_name"), rs.getString("action"),
        SqlRows.strings(rs.getString("changed")));
  }
}
