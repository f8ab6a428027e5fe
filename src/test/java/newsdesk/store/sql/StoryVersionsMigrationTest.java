package newsdesk.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import newsdesk.store.StoryStatus;
import newsdesk.store.StoryVersion;
import newsdesk.testing.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V9 on a store that already holds stories (an upgrade): each story gets its content at that
 * moment as a first version, "imported", so the History has something to restore to.
 */
class StoryVersionsMigrationTest {
  @TempDir Path dir;

  @Test
  void anUpgradedSqliteStoreKeepsEachStorysContentAsAFirstVersion() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("newsdesk.db").toAbsolutePath();
    upToV8(url, "sqlite");
    try (Connection c = DriverManager.getConnection(url)) {
      insertStory(c);
    }
    try (SqlStore store = SqliteStores.open(dir)) {
      assertImported(store);
    }
  }

  @Test
  void anUpgradedPostgresStoreKeepsEachStorysContentAsAFirstVersion() throws SQLException {
    try (var db = PostgresDatabase.create()) {
      upToV8(db.jdbcUrl(), "postgresql");
      try (Connection c = db.connect()) {
        insertStory(c);
      }
      try (SqlStore store = PostgresStores.open(db.url())) {
        assertImported(store);
      }
    }
  }

  private static void upToV8(String url, String dialect) {
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/" + dialect).target("8").load()
        .migrate();
  }

  private static void insertStory(Connection c) throws SQLException {
    try (var s = c.createStatement()) {
      s.executeUpdate("INSERT INTO stories (slug, kind, headline, summary, body, body_html, section, tags, authors,"
          + " status, retraction, created_at, published_at, updated_at) VALUES ('old-news', 'ARTICLE', 'Old news',"
          + " 'From before', 'Kept body.', '<p>Kept body.</p>', 'city', '[\"archive\"]', '[\"Ann\"]', 'PUBLISHED', NULL,"
          + " 1700000000000, 1700000000000, 1700000000123)");
    }
  }

  private static void assertImported(SqlStore store) {
    long id = store.story("old-news").orElseThrow().id();
    List<StoryVersion> versions = store.versions(id, null, 10);
    assertThat(versions).hasSize(1);
    StoryVersion v = versions.get(0);
    assertThat(v.version()).isEqualTo(1700000000123L);
    assertThat(v.headline()).isEqualTo("Old news");
    assertThat(v.body()).isEqualTo("Kept body.");
    assertThat(v.tags()).containsExactly("archive");
    assertThat(v.status()).isEqualTo(StoryStatus.PUBLISHED);
    assertThat(v.action()).isEqualTo("imported");
    assertThat(v.by()).isEmpty();
    assertThat(v.changed()).isEmpty();
  }
}
