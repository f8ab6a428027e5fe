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

  @Override
  protected void failCommitsOfEventsWith(String data) {
    // A deferred constraint trigger runs at COMMIT; the database's beforeEach drops it again.
    DATABASE.run("CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS"
        + " $$ BEGIN RAISE EXCEPTION 'poisoned commit'; END $$");
    DATABASE.run("CREATE CONSTRAINT TRIGGER poison AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED"
        + " FOR EACH ROW WHEN (NEW.data = '" + data + "') EXECUTE FUNCTION poison()");
  }
}
