package newsdesk.store.sql;

import newsdesk.store.VersionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The VersionStore contract on PostgreSQL; each node is a store of its own on one database. */
class PostgresVersionStoreTest extends VersionStoreContract<SqlStore> {
  @RegisterExtension static final PostgresStoreDatabase DATABASE = new PostgresStoreDatabase();

  @Override
  protected SqlStore newNode() {
    return PostgresStores.open(DATABASE.url());
  }
}
