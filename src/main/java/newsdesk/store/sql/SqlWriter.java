package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The one connection every write goes through (writes are serialised in-process anyway), its hot
 * statements prepared once and its transactions opened and ended by plain statements: a pooled
 * connection compiled the SQL again, and xerial's {@code commit()} at once begins the next
 * transaction, which the pool's reset then commits. See docs/decisions/0003-one-writer-connection.md.
 * Not thread-safe: {@link SqlStore} holds its write lock around every use.
 */
final class SqlWriter implements AutoCloseable {
  private final Connection connection;
  private final String begin;
  private final Statement control;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  /** {@code connection} in auto-commit mode; {@code begin} the statement that opens a write transaction. */
  SqlWriter(Connection connection, String begin) throws SQLException {
    if (!connection.getAutoCommit()) throw new IllegalArgumentException("the writer's connection must be in auto-commit mode");
    this.connection = connection;
    this.begin = begin;
    this.control = connection.createStatement();
  }

  Connection connection() {
    return connection;
  }

  /** The statement for {@code sql}, prepared on first use and kept: do not close it. */
  PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement ps = prepared.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      prepared.put(sql, ps);
    }
    return ps;
  }

  void begin() throws SQLException {
    control.execute(begin);
  }

  void commit() throws SQLException {
    control.execute("COMMIT");
  }

  /** Ends a failed transaction; where none is open (BEGIN itself failed) there is nothing to do. */
  void rollback() {
    try {
      control.execute("ROLLBACK");
    } catch (SQLException noneOpen) {
      // "cannot rollback - no transaction is active"
    }
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement ps : prepared.values()) ps.close();
    control.close();
    connection.close();
  }
}
