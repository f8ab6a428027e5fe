package newsdesk.store.sql;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite: one writer, so the AUTOINCREMENT key is already in commit order, and a rolled-back
 * insert takes its number back with it; a claim needs no row lock.
 */
final class SqliteDialect implements SqlDialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  private SqliteDialect() {}

  @Override
  public String appendEvent() {
    return "INSERT INTO events (event_id, type, topics, data, private, retry, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq";
  }

  @Override
  public String claimLock() {
    return "";
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return e instanceof SQLiteException s && (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
        || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
  }
}
