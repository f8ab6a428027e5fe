package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file in the background, at a quiet
 * moment: left to SQLite, whichever commit takes the log past 1,000 pages checkpoints inline and
 * its publisher waits, and a checkpoint on a fixed beat stalls the commits running beside it. So
 * it runs once no commit has come for a second, or, under a publishing rush that never pauses,
 * after {@link #FORCE_AFTER} commits, which bounds the log. See
 * docs/decisions/0002-wal-checkpointer.md.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

  static final long FORCE_AFTER = 5_000;
  private static final long QUIET_NANOS = Duration.ofSeconds(1).toNanos();

  private final DataSource dataSource;
  private final Duration period;
  private final Thread thread;
  private final AtomicLong commits = new AtomicLong();
  private volatile long lastCommitNanos = System.nanoTime();
  private long checkpointedThrough;
  private volatile boolean running = true;

  WalCheckpointer(DataSource dataSource, Duration period) {
    this.dataSource = dataSource;
    this.period = period;
    // A platform thread: SQLite's checkpoint runs in native code, which would hold one of the
    // few carriers of the virtual threads that serve requests for its whole duration.
    this.thread = Thread.ofPlatform().daemon().name("sqlite-checkpoint").start(this::run);
  }

  /** Call after each commit. */
  void committed() {
    commits.incrementAndGet();
    lastCommitNanos = System.nanoTime();
  }

  private void run() {
    while (running) {
      try {
        Thread.sleep(period);
      } catch (InterruptedException e) {
        return;
      }
      long now = commits.get();
      long pending = now - checkpointedThrough;
      boolean quiet = System.nanoTime() - lastCommitNanos >= QUIET_NANOS;
      if (pending > 0 && (quiet || pending >= FORCE_AFTER)) {
        checkpoint();
        checkpointedThrough = now;
      }
    }
  }

  void checkpoint() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException e) {
      if (running) log.warn("write-ahead log checkpoint failed; the next one retries", e);
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
