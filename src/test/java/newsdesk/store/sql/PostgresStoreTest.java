package newsdesk.store.sql;

import newsdesk.store.Store;
import newsdesk.store.StoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Store contract on PostgreSQL; each node is a store of its own on one database. */
class PostgresStoreTest extends StoreContract {
  @RegisterExtension static final PostgresStoreDatabase DATABASE = new PostgresStoreDatabase();

  @Override
  protected Store newNode() {
    return PostgresStores.open(DATABASE.url());
  }
}
