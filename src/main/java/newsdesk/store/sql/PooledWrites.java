package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import newsdesk.store.StoreException;

/**
 * PostgreSQL's writes: each transaction on a pooled connection, several at once. A serialised one
 * first locks the event log's one counter row ({@code lockStatement}) and holds it to its commit,
 * so serialised writes of every node run one after another and append events in commit order; a
 * push claim does not, and passes over rows another claim holds instead (SKIP LOCKED).
 */
final class PooledWrites implements SqlWrites {
  private final DataSource pool;
  private final String lockStatement;

  PooledWrites(DataSource pool, String lockStatement) {
    this.pool = pool;
    this.lockStatement = lockStatement;
  }

  @Override
  public <T> T transaction(boolean serialised, TxWork<T> work) {
    try (Connection c = pool.getConnection(); var session = new SqlSession(c)) {
      c.setAutoCommit(false);
      try {
        if (serialised) session.prepared(lockStatement).executeQuery().close();
        T value = work.apply(session);
        c.commit();
        return value;
      } catch (RuntimeException | Error | SQLException e) {
        rollback(c);
        throw e;
      } // the pool puts auto-commit back when the connection returns
    } catch (SQLException e) {
      throw new StoreException("write failed", e);
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException lost) {
      // the connection is gone, and the transaction with it
    }
  }

  @Override
  public void close() {
    // the pool is the store's to close
  }
}
