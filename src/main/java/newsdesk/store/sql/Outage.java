package newsdesk.store.sql;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers that the database is out of reach, so the store's calls fail at once instead of each
 * waiting out the connection timeout: publishes queued for the hub's group commit would
 * otherwise answer one timeout after another, well past the 2 s a publisher is promised. One call
 * per {@link #PROBE} still goes to the database, and the first that gets through ends the outage.
 * The outage is logged once as it starts (WARN) and once as it ends (INFO), not per call.
 */
final class Outage {
  static final Duration PROBE = Duration.ofMillis(500);
  private static final Logger log = LoggerFactory.getLogger(Outage.class);

  private final String database;
  private final AtomicBoolean away = new AtomicBoolean();
  private final AtomicLong nextProbe = new AtomicLong();
  private volatile long awaySince;

  /** @param database how log lines name the database: a place, never a password */
  Outage(String database) {
    this.database = database;
  }

  /** Before a call goes to the database: throws while it is out of reach, unless this call is the next probe. */
  void enter() throws SQLException {
    if (!away.get()) return;
    long now = System.nanoTime();
    long next = nextProbe.get();
    if (now - next >= 0 && nextProbe.compareAndSet(next, now + PROBE.toNanos())) return;
    throw new Refused(database);
  }

  /** A call got through: the database answers. */
  void answered() {
    if (away.get() && away.compareAndSet(true, false)) {
      log.info("{} answers again after {} s; the store's calls go through", database,
          Duration.ofNanos(System.nanoTime() - awaySince).toSeconds());
    }
  }

  /** A call found the database out of reach ({@code cause}); a call {@link #enter} refused is not news. */
  void lost(SQLException cause) {
    if (cause instanceof Refused) return;
    long now = System.nanoTime();
    nextProbe.set(now + PROBE.toNanos());
    if (away.compareAndSet(false, true)) {
      awaySince = now;
      log.warn("{} is out of reach ({}); the store's calls fail at once (503) and one every {} ms tries again",
          database, cause.getMessage(), PROBE.toMillis());
    }
  }

  /** A call refused without trying, during an outage. */
  static final class Refused extends SQLTransientConnectionException {
    Refused(String database) {
      super(database + " is out of reach; trying again shortly", "08001");
    }
  }
}
