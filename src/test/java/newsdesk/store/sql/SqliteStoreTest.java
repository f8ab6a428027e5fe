package newsdesk.store.sql;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import newsdesk.store.Store;
import newsdesk.store.StoreContract;
import org.junit.jupiter.api.io.TempDir;

/** The Store contract on the embedded SQLite file; each node is another connection to the same file. */
class SqliteStoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  protected Store newNode() {
    return SqliteStores.open(dir);
  }

  @Override
  protected void failCommitsOfEventsWith(String data) {
    // A deferred foreign key is checked at COMMIT: a row pointing at no story fails it there.
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("newsdesk.db")); var s = c.createStatement()) {
      s.execute("CREATE TABLE poisoned (story_id INTEGER REFERENCES stories (id) DEFERRABLE INITIALLY DEFERRED)");
      s.execute("CREATE TRIGGER poison AFTER INSERT ON events WHEN NEW.data = '" + data + "'"
          + " BEGIN INSERT INTO poisoned VALUES (-1); END");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
