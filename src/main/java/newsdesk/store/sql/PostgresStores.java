package newsdesk.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import newsdesk.store.StoreException;
import org.flywaydb.core.Flyway;

/**
 * Opens a store on PostgreSQL, shared by every node: a connection pool, the PostgreSQL migrations
 * run on start (Flyway takes a lock, so nodes starting together migrate once). No checkpointer:
 * the server does its own upkeep.
 */
public final class PostgresStores {
  /** Reads (resumes, pages) and writes of one node at once; the server's max_connections bounds the sum over nodes. */
  private static final int POOL_SIZE = 16;

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
    // Fail fast when the database is away: a publish answers an error instead of hanging.
    hikari.setConnectionTimeout(2_000);
    hikari.addDataSourceProperty("connectTimeout", "2");
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to PostgreSQL at " + where, e);
    }
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/migration/postgresql")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new SqlStore(ds, new PooledWrites(ds, PostgresDialect.LOCK_EVENT_LOG), PostgresDialect.INSTANCE, () -> {});
  }
}
