package newsdesk.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import newsdesk.store.NewEvent;
import newsdesk.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits never copy the write-ahead log back themselves; the store's checkpointer does. */
class WalCheckpointerTest {
  @TempDir Path dir;

  /** {frames in the log, frames already copied back}, as a checkpoint that does nothing reports. */
  private static long[] log(Connection c) {
    try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA wal_checkpoint(NOOP)")) {
      rs.next();
      return new long[] {rs.getLong(2), rs.getLong(3)};
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aLongRunOfCommitsLeavesTheLogToTheCheckpointer() throws Exception {
    try (var store = SqliteStores.open(dir);
        Connection watcher = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("newsdesk.db"))) {
      String body = "x".repeat(3000);
      for (int i = 0; i < 1500; i++) {
        store.write(tx -> tx.appendEvent(new NewEvent(null, null, List.of("t"), body, false, null)));
      }
      // Far past SQLite's own threshold of 1,000 pages, yet the commits left the log alone; once
      // the writes stop, the background checkpointer copies all of it back.
      long[] after = log(watcher);
      assertThat(after[0]).isGreaterThan(1000);
      Await.until(() -> {
        long[] now = log(watcher);
        return now[1] == now[0] && now[0] > 0;
      }, Duration.ofSeconds(10), "the checkpointer to copy the whole log back");
    }
  }
}
