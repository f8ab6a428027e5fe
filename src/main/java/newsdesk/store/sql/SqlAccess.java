package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How the SQL stores run a piece of SQL: a read on a pooled connection; a write serialised with
 * every other (publishes included); upkeep, a serialised write allowed to take longer than a
 * request's call; or a write not serialised, for work that must not wait behind publishes (claims
 * several nodes make side by side, presence).
 */
final class SqlAccess {
  private final SqlConnections connections;
  private final SqlWrites writes;
  private final SqlDialect dialect;

  SqlAccess(SqlConnections connections, SqlWrites writes, SqlDialect dialect) {
    this.connections = connections;
    this.writes = writes;
    this.dialect = dialect;
  }

  SqlDialect dialect() {
    return dialect;
  }

  <T> T read(SqlFunction<T> work) {
    try (Connection c = connections.get()) {
      T value = work.apply(c);
      connections.answered();
      return value;
    } catch (SQLException e) {
      throw connections.failed("read failed", e);
    }
  }

  /** SQL in a serialised write transaction of its own. */
  <T> T write(SqlFunction<T> work) {
    return writes.transaction(true, session -> work.apply(session.connection()));
  }

  /** As {@link #write}, for bulk tidying that may take longer than a request's call. */
  <T> T upkeep(SqlFunction<T> work) {
    return writes.transaction(true, session -> {
      connections.upkeep(session.connection());
      return work.apply(session.connection());
    });
  }

  /** SQL in a write transaction that runs beside the serialised ones, neither waiting for the other. */
  <T> T unserialised(SqlFunction<T> work) {
    return writes.transaction(false, session -> work.apply(session.connection()));
  }

  @FunctionalInterface
  interface SqlFunction<T> {
    T apply(Connection c) throws SQLException;
  }
}
