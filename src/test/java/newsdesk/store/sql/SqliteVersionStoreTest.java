package newsdesk.store.sql;

import java.nio.file.Path;
import newsdesk.store.VersionStoreContract;
import org.junit.jupiter.api.io.TempDir;

/** The VersionStore contract on the embedded SQLite file; each node is another connection to the same file. */
class SqliteVersionStoreTest extends VersionStoreContract<SqlStore> {
  @TempDir Path dir;

  @Override
  protected SqlStore newNode() {
    return SqliteStores.open(dir);
  }
}
