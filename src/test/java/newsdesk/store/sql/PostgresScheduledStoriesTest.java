package newsdesk.store.sql;

import newsdesk.store.ScheduledStoriesContract;
import newsdesk.store.Store;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scheduled stories on PostgreSQL; each node is a store of its own on one database. */
class PostgresScheduledStoriesTest extends ScheduledStoriesContract {
  @RegisterExtension static final PostgresStoreDatabase DATABASE = new PostgresStoreDatabase();

  @Override
  protected Store newNode() {
    return PostgresStores.open(DATABASE.url());
  }
}
