package newsdesk.store.sql;

import java.nio.file.Path;
import newsdesk.store.ScheduledStoriesContract;
import newsdesk.store.Store;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled stories on the embedded SQLite file; each node is another connection to the same file. */
class SqliteScheduledStoriesTest extends ScheduledStoriesContract {
  @TempDir Path dir;

  @Override
  protected Store newNode() {
    return SqliteStores.open(dir);
  }
}
