package newsdesk.store.sql;

import java.nio.file.Path;
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
}
