package newsdesk.store.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import newsdesk.store.ImageStore;
import newsdesk.store.ImageStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ImageStore contract on PostgreSQL; each node is a store of its own on one database. */
class PostgresImageStoreTest extends ImageStoreContract {
  @RegisterExtension static final PostgresStoreDatabase DATABASE = new PostgresStoreDatabase();
  private final List<SqlStore> stores = new ArrayList<>();

  @Override
  protected ImageStore open() {
    SqlStore s = PostgresStores.open(DATABASE.url());
    stores.add(s);
    return s.images(Path.of("never-used-on-postgresql"));
  }

  @AfterEach
  void close() {
    stores.forEach(SqlStore::close);
  }
}
