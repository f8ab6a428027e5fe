package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import newsdesk.store.StorageFullException;
import newsdesk.store.StoreException;

/**
 * SQLite's writes: the one connection every write goes through, serialised in-process under its
 * own lock (SQLite has one writer anyway), its hot statements prepared once and its transactions
 * opened and ended by plain statements: a pooled connection compiled the SQL again, and xerial's
 * {@code commit()} at once begins the next transaction, which the pool's reset then commits. See
 * docs/decisions/0003-one-writer-connection.md.
 */
final class SqlWriter implements SqlWrites {
  private final Connection connection;
  private final String begin;
  private final Runnable afterCommit;
  private final Statement control;
  private final SqlSession session;
  private final ReentrantLock lock = new ReentrantLock();
  private final DiskFull diskFull;

  /**
   * {@code connection} in auto-commit mode; {@code begin} the statement that opens a write
   * transaction; {@code afterCommit} runs after each commit, still under the lock.
   */
  SqlWriter(Connection connection, String begin, Runnable afterCommit, DiskFull diskFull) throws SQLException {
    if (!connection.getAutoCommit()) throw new IllegalArgumentException("the writer's connection must be in auto-commit mode");
    this.connection = connection;
    this.begin = begin;
    this.afterCommit = afterCommit;
    this.control = connection.createStatement();
    this.session = new SqlSession(connection);
    this.diskFull = diskFull;
  }

  @Override
  public <T> T transaction(boolean serialised, TxWork<T> work) {
    lock.lock();
    try {
      control.execute(begin);
      try {
        T value = work.apply(session);
        control.execute("COMMIT");
        diskFull.committed();
        afterCommit.run();
        return value;
      } catch (RuntimeException | Error | SQLException e) {
        rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw diskFull.failed(SqlFailures.of("write failed", e));
    } catch (StorageFullException e) { // from the work's statements
      throw diskFull.failed(e);
    } finally {
      lock.unlock();
    }
  }

  /** Ends a failed transaction; where none is open (BEGIN itself failed) there is nothing to do. */
  private void rollback() {
    try {
      control.execute("ROLLBACK");
    } catch (SQLException noneOpen) {
      // "cannot rollback - no transaction is active"
    }
  }

  /** Waits for a write under way, then closes the statements and the connection. */
  @Override
  public void close() {
    lock.lock();
    try {
      session.close();
      control.close();
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("closing the writer failed", e);
    } finally {
      lock.unlock();
    }
  }
}
