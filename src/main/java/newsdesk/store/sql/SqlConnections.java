package newsdesk.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import newsdesk.store.StoreException;

/**
 * The pooled connections a store's calls run on, and what their failures mean. On PostgreSQL each
 * call's connection also carries a network timeout, so a call on a dead socket ends instead of
 * hanging, and an {@link Outage} fails calls at once while the database is known to be out of reach.
 * SQLite's local file needs neither.
 */
final class SqlConnections implements AutoCloseable {
  private final HikariDataSource pool;
  private final Outage outage;
  private final Duration callTimeout;
  private final Duration upkeepTimeout;

  private SqlConnections(HikariDataSource pool, Outage outage, Duration callTimeout, Duration upkeepTimeout) {
    this.pool = pool;
    this.outage = outage;
    this.callTimeout = callTimeout;
    this.upkeepTimeout = upkeepTimeout;
  }

  /** Connections of a local database file: no network to time out, no outage to remember. */
  static SqlConnections local(HikariDataSource pool) {
    return new SqlConnections(pool, null, null, null);
  }

  /**
   * Connections over the network: each call's socket reads end after {@code callTimeout}, an
   * {@link #upkeep} transaction's after {@code upkeepTimeout}; the outage gate as described above.
   */
  static SqlConnections remote(HikariDataSource pool, Outage outage, Duration callTimeout, Duration upkeepTimeout) {
    return new SqlConnections(pool, outage, callTimeout, upkeepTimeout);
  }

  /** A connection for one call; the caller closes it. */
  Connection get() throws SQLException {
    if (outage != null) outage.enter();
    Connection c = pool.getConnection();
    if (callTimeout != null) {
      try {
        c.setNetworkTimeout(Runnable::run, (int) callTimeout.toMillis()); // the pool puts it back on return
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    }
    return c;
  }

  /** Gives a transaction that prunes or otherwise tidies up in bulk the longer upkeep timeout. */
  void upkeep(Connection c) throws SQLException {
    if (upkeepTimeout != null) c.setNetworkTimeout(Runnable::run, (int) upkeepTimeout.toMillis());
  }

  /** A call went through: the database answers. */
  void answered() {
    if (outage != null) outage.answered();
  }

  /**
   * {@code e} ended a call: the exception to throw, and an outage noted if the database is out of
   * reach (a full disk is not an outage: reads still go through).
   */
  StoreException failed(String what, SQLException e) {
    if (outage != null && SqlFailures.outOfReach(e)) outage.lost(e);
    return SqlFailures.of(what, e);
  }

  /** A store exception came out of a call's work: notes an outage if it says the database is out of reach. */
  void failed(StoreException e) {
    if (outage != null && e.getCause() instanceof SQLException cause && SqlFailures.outOfReach(cause)) {
      outage.lost(cause);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
