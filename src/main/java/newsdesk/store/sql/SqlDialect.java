package newsdesk.store.sql;

import java.sql.SQLException;

/** What differs between SQLite and PostgreSQL in the SQL the store otherwise shares. */
sealed interface SqlDialect permits SqliteDialect, PostgresDialect {

  /**
   * Appends one event and returns its {@code seq}. Parameters: event_id, type, topics, data,
   * private, retry, created_at.
   */
  String appendEvent();

  /** Ends the push claim's SELECT: how it passes over rows another node's claim holds. */
  String claimLock();

  /** The statement failed on a UNIQUE constraint (or primary key). */
  boolean isUniqueViolation(SQLException e);
}
