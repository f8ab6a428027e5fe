package newsdesk.store.sql;

import java.nio.file.Path;
import newsdesk.store.PushStoreContract;
import org.junit.jupiter.api.io.TempDir;

/** The PushStore contract on the embedded SQLite file; each node is another connection to the same file. */
class SqlitePushStoreTest extends PushStoreContract<SqlStore> {
  @TempDir Path dir;

  @Override
  protected SqlStore newNode() {
    return SqliteStores.open(dir);
  }
}
