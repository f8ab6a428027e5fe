package newsdesk.store.sql;

import newsdesk.store.PushStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PushStore contract on PostgreSQL; each node is a store of its own on one database. */
class PostgresPushStoreTest extends PushStoreContract<SqlStore> {
  @RegisterExtension static final PostgresStoreDatabase DATABASE = new PostgresStoreDatabase();

  @Override
  protected SqlStore newNode() {
    return PostgresStores.open(DATABASE.url());
  }
}
