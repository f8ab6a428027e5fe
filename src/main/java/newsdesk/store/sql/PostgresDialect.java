package newsdesk.store.sql;

import java.sql.SQLException;

/**
 * PostgreSQL: an event's {@code seq} comes from the one counter row, not an identity sequence,
 * which hands out numbers outside the transaction (a rollback would leave a hole, and two
 * transactions could commit out of order). See docs/decisions/0100-event-order-across-nodes.md.
 */
final class PostgresDialect implements SqlDialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  /** Taken first by every serialised write and held to its commit (see {@link PooledWrites}). */
  static final String LOCK_EVENT_LOG = "SELECT last FROM event_seq FOR UPDATE";

  private PostgresDialect() {}

  @Override
  public String appendEvent() {
    return "WITH n AS (UPDATE event_seq SET last = last + 1 RETURNING last)"
        + " INSERT INTO events (seq, event_id, type, topics, data, private, retry, created_at)"
        + " SELECT n.last, ?, ?, ?, ?, ?, ?, ? FROM n RETURNING seq";
  }

  @Override
  public String claimLock() {
    return " FOR UPDATE OF d SKIP LOCKED";
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }
}
