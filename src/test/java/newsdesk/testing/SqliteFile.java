package newsdesk.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * A node's SQLite store read behind its back, with a connection of the test's own (the way an
 * operator's {@code sqlite3} would): its event log and SQLite's own check of the file.
 */
public final class SqliteFile {
  /** One event of the log: its id (the publisher's, or its seq) and its data. */
  public record LoggedEvent(String id, String data) {}

  private final Path file;

  private SqliteFile(Path file) {
    this.file = file;
  }

  /** The store in {@code dataDir} ({@code newsdesk.db}). */
  public static SqliteFile in(Path dataDir) {
    return new SqliteFile(dataDir.resolve("newsdesk.db"));
  }

  /** A store file anywhere, e.g. a backup. */
  public static SqliteFile at(Path file) {
    return new SqliteFile(file);
  }

  /** The log's events on {@code topic}, in seq order. */
  public List<LoggedEvent> events(String topic) {
    return query("SELECT coalesce(event_id, CAST(seq AS TEXT)), data FROM events"
        + " WHERE EXISTS (SELECT 1 FROM json_each(events.topics) WHERE value = ?) ORDER BY seq", topic,
        rs -> new LoggedEvent(rs.getString(1), rs.getString(2)));
  }

  /** The ids of the log's events on {@code topic}, in seq order. */
  public List<String> eventIds(String topic) {
    return events(topic).stream().map(LoggedEvent::id).toList();
  }

  /** {@code PRAGMA integrity_check}: {@code ["ok"]} for a sound file, else what SQLite found wrong. */
  public List<String> integrityCheck() {
    return query("PRAGMA integrity_check", null, rs -> rs.getString(1));
  }

  /**
   * Fills the store fast, behind the server's back (stop it first): {@code n} published articles in
   * {@code section}, slugs {@code prefix-0} …, published a millisecond apart from {@code from}, in
   * one transaction of batched inserts.
   */
  public void insertPublished(int n, String prefix, String section, java.time.Instant from) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
      c.setAutoCommit(false);
      try (var ps = c.prepareStatement("INSERT INTO stories (slug, kind, headline, summary, body, body_html, section,"
          + " tags, authors, status, created_at, published_at, updated_at)"
          + " VALUES (?, 'ARTICLE', ?, '', '', '', ?, '[]', '[]', 'PUBLISHED', ?, ?, ?)")) {
        for (int i = 0; i < n; i++) {
          long at = from.toEpochMilli() + i;
          ps.setString(1, prefix + "-" + i);
          ps.setString(2, "Story " + i);
          ps.setString(3, section);
          ps.setLong(4, at);
          ps.setLong(5, at);
          ps.setLong(6, at);
          ps.addBatch();
          if (i % 5_000 == 4_999) ps.executeBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("filling " + file, e);
    }
  }

  private <T> List<T> query(String sql, String parameter, SqlRows.Column<T> column) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
      return SqlRows.of(c, sql, parameter, column);
    } catch (SQLException e) {
      throw new IllegalStateException("reading " + file, e);
    }
  }
}
