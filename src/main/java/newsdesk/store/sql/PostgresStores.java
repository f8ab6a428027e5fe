package newsdesk.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import newsdesk.store.StoreException;
import org.flywaydb.core.Flyway;

/**
 * Opens a store on PostgreSQL, shared by every node: a connection pool, the PostgreSQL migrations
 * run on start (Flyway takes a lock, so nodes starting together migrate once). No checkpointer:
 * the server does its own upkeep.
 *
 * <p>The timeouts keep a publish's answer within 2 s when the database is stopped (connections
 * refused) or unreachable (packets lost, nothing answers), so it is a prompt 503, never a hang;
 * see docs/decisions/0130-store-outage.md.
 */
public final class PostgresStores {
  /** Reads (resumes, pages) and writes of one node at once; the server's max_connections bounds the sum over nodes. */
  private static final int POOL_SIZE = 16;
  /** The longest a call waits for a pooled connection: the database away, or every connection busy. */
  static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(1_000);
  /** A pooled connection idle over half a second is checked before it is lent; a dead one costs this. */
  static final Duration VALIDATION_TIMEOUT = Duration.ofMillis(250);
  /** pgjdbc's connectTimeout and loginTimeout (seconds): TCP connect, then start-up and authentication. */
  static final int CONNECT_SECONDS = 1;
  /** Each socket read of a call: a statement on a connection whose peer went silent ends here. */
  static final Duration CALL_TIMEOUT = Duration.ofMillis(1_500);
  /** The same for pruning, which deletes in bulk once a minute off the request path. */
  static final Duration UPKEEP_TIMEOUT = Duration.ofSeconds(30);
  /**
   * The server ends a session left idle inside a transaction this long (a node that hung or lost
   * its network mid-write), so its lock on the event log does not stall every other node's writes.
   */
  static final String IDLE_IN_TRANSACTION = "5s";
  /**
   * At start-up the first connection is tried again for this long before the node gives up: a
   * cold JVM on a loaded machine can take longer than the login timeout to log in once.
   */
  static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private PostgresStores() {}

  /** @param url a {@code postgresql://} or {@code jdbc:postgresql:} URL */
  public static SqlStore open(String url) {
    var where = PostgresUrl.parse(url);
    var hikari = new HikariConfig();
    hikari.setPoolName("postgresql");
    hikari.setJdbcUrl(where.jdbcUrl());
    if (where.user() != null) hikari.setUsername(where.user());
    if (where.password() != null) hikari.setPassword(where.password());
    hikari.setMaximumPoolSize(POOL_SIZE);
    hikari.setMinimumIdle(2);
    hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    hikari.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
    hikari.addDataSourceProperty("connectTimeout", Integer.toString(CONNECT_SECONDS));
    hikari.addDataSourceProperty("loginTimeout", Integer.toString(CONNECT_SECONDS));
    hikari.setInitializationFailTimeout(START_TIMEOUT.toMillis());
    hikari.setConnectionInitSql("SET idle_in_transaction_session_timeout = '" + IDLE_IN_TRANSACTION + "'");
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to PostgreSQL at " + where, e);
    }
    try {
      // Migrations run on the pool without the call timeout: a long one must not be cut off. Flyway
      // takes a second connection beside its lock's, which a loaded machine may take seconds to open.
      ds.getHikariConfigMXBean().setConnectionTimeout(START_TIMEOUT.toMillis());
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/migration/postgresql")
          .load()
          .migrate();
      ds.getHikariConfigMXBean().setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    var connections = SqlConnections.remote(ds, new Outage("PostgreSQL at " + where), CALL_TIMEOUT, UPKEEP_TIMEOUT);
    return new SqlStore(connections, new PooledWrites(connections, PostgresDialect.LOCK_EVENT_LOG,
        new DiskFull("PostgreSQL at " + where)),
        PostgresDialect.INSTANCE, () -> {});
  }
}
