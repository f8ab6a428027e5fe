package newsdesk.store.sql;

import newsdesk.store.PresenceStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PresenceStore contract on PostgreSQL; each node is a store of its own on one database. */
class PostgresPresenceStoreTest extends PresenceStoreContract<SqlStore> {
  @RegisterExtension static final PostgresStoreDatabase DATABASE = new PostgresStoreDatabase();

  @Override
  protected SqlStore newNode() {
    return PostgresStores.open(DATABASE.url());
  }
}
