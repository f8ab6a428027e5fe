package newsdesk.store.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import newsdesk.store.Committed;
import newsdesk.store.Outcome;
import newsdesk.store.WriteTx;

/**
 * The works of a group commit inside one open transaction, each in a savepoint of its own: a work
 * that throws is rolled back to its savepoint, which takes its rows and its events' numbers back
 * (SQLite's AUTOINCREMENT counter and PostgreSQL's {@code event_seq} row are both written inside
 * the transaction), so the next work's events follow on with no hole. Nothing is cached in Java
 * across works: each gets a {@link SqlWriteTx} of its own. SQL both databases speak.
 */
final class SqlGroupWrite {
  private SqlGroupWrite() {}

  static List<Outcome<?>> run(SqlWrites.TxSession session, SqlDialect dialect, List<? extends Function<WriteTx, ?>> works)
      throws SQLException {
    PreparedStatement savepoint = session.prepared("SAVEPOINT work");
    PreparedStatement release = session.prepared("RELEASE SAVEPOINT work");
    PreparedStatement rollBack = session.prepared("ROLLBACK TO SAVEPOINT work");
    var outcomes = new ArrayList<Outcome<?>>(works.size());
    for (var work : works) {
      savepoint.execute();
      var tx = new SqlWriteTx(session, dialect);
      try {
        Object value = work.apply(tx);
        release.execute();
        outcomes.add(Outcome.of(new Committed<>(value, tx.appended())));
      } catch (RuntimeException failed) {
        try {
          // Where the database has already ended the whole transaction (SQLite does on a full
          // disk or an I/O error), this fails and so does the group: none of it is committed.
          rollBack.execute();
          release.execute();
        } catch (SQLException lost) {
          lost.addSuppressed(failed);
          throw lost;
        }
        outcomes.add(Outcome.failed(failed));
      }
    }
    return outcomes;
  }
}
