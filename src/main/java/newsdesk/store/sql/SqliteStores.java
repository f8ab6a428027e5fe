package newsdesk.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import newsdesk.store.StoreException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/** Opens the embedded store: one SQLite file in WAL mode, migrated by Flyway. */
public final class SqliteStores {
  private SqliteStores() {}

  public static SqlStore open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create data directory " + dataDir, e);
    }
    Path file = dataDir.resolve("newsdesk.db");
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    var sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL: a commit is on disk before the API acknowledges it, so an acknowledged publish
    // survives a crash of the machine, not only of the process.
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    sqlite.setBusyTimeout(10_000);
    sqlite.enforceForeignKeys(true);
    // IMMEDIATE takes the write lock at BEGIN, so two processes migrating at once (server, token
    // CLI) wait for each other instead of failing.
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    // Checkpoints run in the background (WalCheckpointer), not inside whichever commit crosses
    // SQLite's threshold; see docs/decisions/0002-wal-checkpointer.md.
    sqlite.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");

    // A pooled connection idle for more than Hikari's bypass window (500 ms) is tested with a
    // query before it is lent out: against a local file that cannot drop, it is a wasted statement
    // on the path of every read (a resume, a page) that follows a quiet half second.
    System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", Long.toString(Long.MAX_VALUE / 4));
    var hikari = new HikariConfig();
    hikari.setPoolName("sqlite");
    hikari.setJdbcUrl(url);
    hikari.setDataSourceProperties(sqlite.toProperties());
    hikari.setMaximumPoolSize(4);
    hikari.setMinimumIdle(1);
    var ds = new HikariDataSource(hikari);
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/sqlite")
        .load()
        .migrate();
    var checkpointer = new WalCheckpointer(ds, Duration.ofMillis(250));
    SqlWriter writer;
    try {
      // IMMEDIATE for the same reason: the token CLI's writes wait for the server's.
      writer = new SqlWriter(sqlite.createConnection(url), "BEGIN IMMEDIATE", checkpointer::committed,
          new DiskFull(file.toString()));
    } catch (SQLException e) {
      checkpointer.close();
      ds.close();
      throw new StoreException("cannot open " + file + " for writing", e);
    }
    return new SqlStore(SqlConnections.local(ds), writer, SqliteDialect.INSTANCE, checkpointer);
  }
}
