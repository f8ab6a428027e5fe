package newsdesk.store.sql;

import java.nio.file.Path;
import newsdesk.store.PresenceStoreContract;
import org.junit.jupiter.api.io.TempDir;

/** The PresenceStore contract on the embedded SQLite file; each node is another connection to the same file. */
class SqlitePresenceStoreTest extends PresenceStoreContract<SqlStore> {
  @TempDir Path dir;

  @Override
  protected SqlStore newNode() {
    return SqliteStores.open(dir);
  }
}
