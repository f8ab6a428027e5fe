package newsdesk.store.sql;

import newsdesk.store.CallbackStore;
import newsdesk.store.CallbackStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CallbackStore contract on PostgreSQL; each node is a store of its own on one database. */
class PostgresCallbackStoreTest extends CallbackStoreContract<SqlStore> {
  @RegisterExtension static final PostgresStoreDatabase DATABASE = new PostgresStoreDatabase();

  @Override
  protected SqlStore newNode() {
    return PostgresStores.open(DATABASE.url());
  }

  @Override
  protected CallbackStore callbacks(SqlStore node) {
    return node.callbacks();
  }
}
