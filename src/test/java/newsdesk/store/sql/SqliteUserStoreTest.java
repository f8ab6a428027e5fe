package newsdesk.store.sql;

import java.nio.file.Path;
import newsdesk.store.UserStoreContract;
import org.junit.jupiter.api.io.TempDir;

/** The UserStore contract on the embedded SQLite file; each node is another connection to the same file. */
class SqliteUserStoreTest extends UserStoreContract<SqlStore> {
  @TempDir Path dir;

  @Override
  protected SqlStore newNode() {
    return SqliteStores.open(dir);
  }
}
