package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How a store runs its write transactions: SQLite on one kept connection ({@link SqlWriter}),
 * PostgreSQL on pooled connections ({@link PooledWrites}). Either commits before it returns and
 * rolls back on any failure, rethrowing it ({@link SQLException} as a StoreException).
 */
interface SqlWrites extends AutoCloseable {

  /**
   * Runs {@code work} in one transaction. {@code serialised}: it runs alone among the serialised
   * writes of every store on the database (every write but a push claim), so it may read to write
   * and append events in commit order. SQLite's single writer serialises every write anyway.
   */
  <T> T transaction(boolean serialised, TxWork<T> work);

  @Override
  void close();

  /** The work of one transaction. */
  @FunctionalInterface
  interface TxWork<T> {
    T apply(TxSession session) throws SQLException;
  }

  /** The connection of an open write transaction, and statements kept for it. */
  interface TxSession {
    Connection connection();

    /** The statement for {@code sql}, prepared on first use and kept: do not close it. */
    PreparedStatement prepared(String sql) throws SQLException;
  }
}
