package newsdesk.store.sql;

import newsdesk.store.UserStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The UserStore contract on PostgreSQL; each node is a store of its own on one database. */
class PostgresUserStoreTest extends UserStoreContract<SqlStore> {
  @RegisterExtension static final PostgresStoreDatabase DATABASE = new PostgresStoreDatabase();

  @Override
  protected SqlStore newNode() {
    return PostgresStores.open(DATABASE.url());
  }
}
