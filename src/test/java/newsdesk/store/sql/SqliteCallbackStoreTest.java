package newsdesk.store.sql;

import java.nio.file.Path;
import newsdesk.store.CallbackStore;
import newsdesk.store.CallbackStoreContract;
import org.junit.jupiter.api.io.TempDir;

/** The CallbackStore contract on the embedded SQLite file; each node is another connection to the same file. */
class SqliteCallbackStoreTest extends CallbackStoreContract<SqlStore> {
  @TempDir Path dir;

  @Override
  protected SqlStore newNode() {
    return SqliteStores.open(dir);
  }

  @Override
  protected CallbackStore callbacks(SqlStore node) {
    return node.callbacks();
  }
}
