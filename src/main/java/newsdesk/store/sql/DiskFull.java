package newsdesk.store.sql;

import java.util.concurrent.atomic.AtomicBoolean;
import newsdesk.store.StorageFullException;
import newsdesk.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a full disk once as writes start failing for it (WARN) and once as a write goes through
 * again (INFO), not once per refused write: a newsroom retrying a publish would fill the log.
 */
final class DiskFull {
  private static final Logger log = LoggerFactory.getLogger(DiskFull.class);

  private final String database;
  private final AtomicBoolean full = new AtomicBoolean();

  /** @param database how log lines name the database: a place, never a password */
  DiskFull(String database) {
    this.database = database;
  }

  /** A write failed with {@code e}; returns it, for the caller to throw. */
  <E extends StoreException> E failed(E e) {
    if (e instanceof StorageFullException && full.compareAndSet(false, true)) {
      log.warn("the disk holding {} is full ({}); writes answer 503 until space is freed",
          database, e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
    return e;
  }

  /** A write was committed. */
  void committed() {
    if (full.get() && full.compareAndSet(true, false)) log.info("{} takes writes again: disk space was freed", database);
  }
}
