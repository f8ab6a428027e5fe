package newsdesk.store.sql;

import java.sql.SQLException;
import newsdesk.testing.PostgresDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A store database of the test class's own ({@code @RegisterExtension static}), emptied before
 * each test as a new one would be: creating a database per test cost a second and a half each on
 * this machine.
 */
final class PostgresStoreDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private PostgresDatabase database;

  String url() {
    return database.url();
  }

  /** Runs one statement on the database, outside any store. */
  void run(String sql) {
    try (var c = database.connect(); var s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    database = PostgresDatabase.create();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    database.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws SQLException {
    try (var c = database.connect(); var s = c.createStatement()) {
      // Before the first store opens there is nothing to empty: Flyway has not run yet.
      try (var rs = s.executeQuery("SELECT to_regclass('public.event_seq') IS NOT NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) return;
      }
      s.execute("TRUNCATE stories, corrections, entries, events, api_tokens, push_subscriptions, push_topics,"
          + " push_alerts, push_deliveries, vapid_keys, desk_sessions, users, websub_subscriptions, callback_cursors, callback_deliveries, webhooks,"
          + " idempotent_answers, story_versions, images, image_files, presence_nodes, presence RESTART IDENTITY");
      s.execute("DROP TRIGGER IF EXISTS poison ON events"); // a test's own (StoreContract.failCommitsOfEventsWith)
      s.execute("DROP FUNCTION IF EXISTS poison()");
      s.execute("UPDATE event_seq SET last = 0");
      s.execute("UPDATE hub_state SET value = 0 WHERE name = 'pruned_through'");
    }
  }
}
