package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A write connection and the statements kept on it, each prepared on first use. {@link #close()}
 * closes the statements, not the connection.
 */
final class SqlSession implements SqlWrites.TxSession, AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> kept = new HashMap<>();

  SqlSession(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Connection connection() {
    return connection;
  }

  @Override
  public PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement ps = kept.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      kept.put(sql, ps);
    }
    return ps;
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement ps : kept.values()) ps.close();
    kept.clear();
  }
}
