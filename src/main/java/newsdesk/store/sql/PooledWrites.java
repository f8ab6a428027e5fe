package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import newsdesk.store.StoreException;

/**
 * PostgreSQL's writes: each transaction on a pooled connection, several at once. A serialised one
 * first locks the event log's one counter row ({@code lockStatement}) and holds it to its commit,
 * so serialised writes of every node run one after another and append events in commit order; a
 * push claim does not, and passes over rows another claim holds instead (SKIP LOCKED).
 */
final class PooledWrites implements SqlWrites {
  private final SqlConnections connections;
  private final String lockStatement;
  private final DiskFull diskFull;

  PooledWrites(SqlConnections connections, String lockStatement, DiskFull diskFull) {
    this.connections = connections;
    this.lockStatement = lockStatement;
    this.diskFull = diskFull;
  }

  @Override
  public <T> T transaction(boolean serialised, TxWork<T> work) {
    try (Connection c = connections.get(); var session = new SqlSession(c)) {
      c.setAutoCommit(false);
      try {
        if (serialised) session.prepared(lockStatement).executeQuery().close();
        T value = work.apply(session);
        c.commit();
        connections.answered();
        diskFull.committed();
        return value;
      } catch (RuntimeException | Error | SQLException e) {
        rollback(c);
        throw e;
      } // the pool puts auto-commit back when the connection returns
    } catch (SQLException e) {
      throw diskFull.failed(connections.failed("write failed", e));
    } catch (StoreException e) { // from the work's statements
      connections.failed(e);
      throw diskFull.failed(e);
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException lost) {
      // the connection is gone, and the transaction with it (a timed-out socket is closed at once)
    }
  }

  @Override
  public void close() {
    // the pool is the store's to close
  }
}
