package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import newsdesk.store.Correction;
import newsdesk.store.Entry;
import newsdesk.store.Story;
import newsdesk.store.StoryLink;
import newsdesk.store.StoryQuery;

/** Reads shared by the store and its write transactions, on a connection the caller holds. */
final class SqlQueries {
  private SqlQueries() {}

  static Optional<Story> story(Connection c, String slug) throws SQLException {
    try (var ps = c.prepareStatement(SqlRows.STORY_COLUMNS + " WHERE slug = ?")) {
      ps.setString(1, slug);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        long id = rs.getLong("id");
        return Optional.of(SqlRows.story(rs, corrections(c, id)));
      }
    }
  }

  /** The WHERE, ORDER BY and LIMIT of {@code q}, its parameters added to {@code args}. */
  private static String selection(StoryQuery q, List<Object> args) {
    var sql = new StringBuilder(" WHERE 1 = 1");
    if (q.section() != null) {
      sql.append(" AND section = ?");
      args.add(q.section());
    }
    if (!q.statuses().isEmpty()) {
      sql.append(" AND status IN (").append(String.join(", ", java.util.Collections.nCopies(q.statuses().size(), "?")))
          .append(")");
      q.statuses().stream().map(Enum::name).sorted().forEach(args::add);
    }
    if (q.beforeId() != null && q.byPublished()) {
      // Keyset on (published_at, id), the order of the page, read from the cursor's own row.
      sql.append(" AND (published_at < (SELECT published_at FROM stories WHERE id = ?)"
          + " OR (published_at = (SELECT published_at FROM stories WHERE id = ?) AND id < ?))");
      args.add(q.beforeId());
      args.add(q.beforeId());
      args.add(q.beforeId());
    } else if (q.beforeId() != null) {
      sql.append(" AND id < ?");
      args.add(q.beforeId());
    }
    sql.append(q.byPublished() ? " ORDER BY published_at DESC, id DESC" : " ORDER BY id DESC");
    sql.append(" LIMIT ?");
    args.add(q.limit());
    return sql.toString();
  }

  static List<StoryLink> links(Connection c, StoryQuery q) throws SQLException {
    var args = new ArrayList<Object>();
    var out = new ArrayList<StoryLink>();
    try (var ps = c.prepareStatement("SELECT id, slug, section, updated_at FROM stories" + selection(q, args))) {
      for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new StoryLink(rs.getLong("id"), rs.getString("slug"), rs.getString("section"),
              SqlRows.instant(rs, "updated_at")));
        }
      }
    }
    return out;
  }

  static List<Story> stories(Connection c, StoryQuery q) throws SQLException {
    var args = new ArrayList<Object>();
    String sql = SqlRows.STORY_COLUMNS + selection(q, args);
    var rows = new ArrayList<Story>();
    try (var ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rows.add(SqlRows.story(rs, List.of()));
      }
    }
    var out = new ArrayList<Story>(rows.size());
    for (Story s : rows) out.add(s.withCorrections(corrections(c, s.id())));
    return out;
  }

  static List<Correction> corrections(Connection c, long storyId) throws SQLException {
    try (var ps = c.prepareStatement(
        "SELECT id, text, created_at FROM corrections WHERE story_id = ? ORDER BY id")) {
      ps.setLong(1, storyId);
      var out = new ArrayList<Correction>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Correction(rs.getLong("id"), rs.getString("text"), SqlRows.instant(rs, "created_at")));
        }
      }
      return out;
    }
  }

  static List<Entry> entries(Connection c, long storyId) throws SQLException {
    try (var ps = c.prepareStatement(SqlRows.ENTRY_COLUMNS + " WHERE story_id = ? ORDER BY id")) {
      ps.setLong(1, storyId);
      var out = new ArrayList<Entry>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(SqlRows.entry(rs));
      }
      return out;
    }
  }

  static long lastSeq(Connection c) throws SQLException {
    try (var ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM events");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return Math.max(rs.getLong(1), prunedThrough(c));
    }
  }

  static long prunedThrough(Connection c) throws SQLException {
    try (var ps = c.prepareStatement("SELECT value FROM hub_state WHERE name = 'pruned_through'");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
