package newsdesk.store.sql;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import newsdesk.store.StorageFullException;
import newsdesk.store.StoreException;
import newsdesk.store.StoreUnavailableException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells a database out of reach, or out of disk space, from a statement that failed, so callers
 * can answer 503 (try again) for those and keep 500 for the rest.
 */
final class SqlFailures {
  /**
   * SQLSTATEs besides class 08 (connection exception) that mean "not now": the server shutting
   * down (57P01, 57P02), starting up (57P03), out of connection slots (53300), and this session
   * ended by the server's idle-in-transaction timeout (25P03).
   */
  private static final Set<String> NOT_NOW = Set.of("57P01", "57P02", "57P03", "53300", "25P03");

  /** PostgreSQL's disk_full. */
  private static final String DISK_FULL = "53100";

  private SqlFailures() {}

  /**
   * {@code e} as the store's exception: {@link StorageFullException} when the disk is full,
   * {@link StoreUnavailableException} when the database is out of reach.
   */
  static StoreException of(String what, SQLException e) {
    if (diskFull(e)) return new StorageFullException(what + ": the disk holding the database is full (" + e.getMessage() + ")", e);
    if (outOfReach(e)) return new StoreUnavailableException(what + ": the database cannot be reached (" + e.getMessage() + ")", e);
    return new StoreException(what, e);
  }

  /** Whether {@code e}, or an exception it was caused by, says the database could not be reached. */
  static boolean outOfReach(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // Hikari's "no connection within connectionTimeout" is SQLTransientConnectionException.
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLTimeoutException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || NOT_NOW.contains(s.getSQLState()))) {
        return true;
      }
      if (t.getCause() == t) break;
    }
    return false;
  }

  /**
   * Whether {@code e}, or an exception it was caused by, says the disk is full: SQLite's
   * SQLITE_FULL (ENOSPC on a write), or SQLITE_IOERR_SHMSIZE (the WAL index could not grow), or
   * PostgreSQL's 53100.
   */
  static boolean diskFull(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException s && (s.getResultCode() == SQLiteErrorCode.SQLITE_FULL
          || s.getResultCode() == SQLiteErrorCode.SQLITE_IOERR_SHMSIZE)) {
        return true;
      }
      if (t instanceof SQLException s && DISK_FULL.equals(s.getSQLState())) return true;
      if (t.getCause() == t) break;
    }
    return false;
  }
}
