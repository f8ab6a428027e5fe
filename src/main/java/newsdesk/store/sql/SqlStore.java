package newsdesk.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import newsdesk.store.ApiToken;
import newsdesk.store.Committed;
import newsdesk.store.Entry;
import newsdesk.store.Event;
import newsdesk.store.Story;
import newsdesk.store.StoryQuery;
import newsdesk.store.PushCompletion;
import newsdesk.store.PushDelivery;
import newsdesk.store.PushStore;
import newsdesk.store.PushSubscription;
import newsdesk.store.Store;
import newsdesk.store.StoreException;
import newsdesk.store.WriteTx;

/**
 * The {@link Store} over JDBC, in SQL that SQLite and PostgreSQL both speak. Writes are serialised
 * in-process: SQLite has one writer anyway, and the event log's order must equal commit order.
 * The Web Push half ({@link PushStore}) is in {@link SqlPushStore}.
 */
public final class SqlStore implements Store, PushStore {

  private final HikariDataSource dataSource;
  private final SqlWriter writer;
  private final AutoCloseable maintenance;
  private final Runnable afterCommit;
  private final ReentrantLock writeLock = new ReentrantLock();

  /**
   * Reads use the pool, every write {@code writer}. {@code maintenance} (background upkeep of the
   * database) is closed before the writer and the pool; {@code afterCommit} tells it of each commit.
   */
  SqlStore(HikariDataSource dataSource, SqlWriter writer, AutoCloseable maintenance, Runnable afterCommit) {
    this.dataSource = dataSource;
    this.writer = writer;
    this.maintenance = maintenance;
    this.afterCommit = afterCommit;
  }

  @Override
  public <T> Committed<T> write(Function<WriteTx, T> work) {
    writeLock.lock();
    try {
      writer.begin();
      var tx = new SqlWriteTx(writer);
      try {
        T value = work.apply(tx);
        writer.commit();
        afterCommit.run();
        return new Committed<>(value, tx.appended());
      } catch (RuntimeException | Error | SQLException e) {
        writer.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("write failed", e);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public Optional<Story> story(String slug) {
    return read(c -> SqlQueries.story(c, slug));
  }

  @Override
  public List<Story> stories(StoryQuery q) {
    return read(c -> SqlQueries.stories(c, q));
  }

  @Override
  public List<Entry> entries(long storyId) {
    return read(c -> SqlQueries.entries(c, storyId));
  }

  @Override
  public List<Event> eventsAfter(long afterSeq, int limit) {
    return read(c -> {
      try (var ps = c.prepareStatement(
          "SELECT seq, event_id, type, topics, data, private, retry, created_at FROM events"
              + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
        ps.setLong(1, afterSeq);
        ps.setInt(2, limit);
        var out = new ArrayList<Event>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(SqlRows.event(rs));
        }
        return out;
      }
    });
  }

  @Override
  public Optional<Long> seqOfEventId(String eventId) {
    return read(c -> {
      try (var ps = c.prepareStatement("SELECT seq FROM events WHERE event_id = ?")) {
        ps.setString(1, eventId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) return Optional.of(rs.getLong(1));
        }
      }
      // An all-digit id is a position in the log (publishers may not choose one), valid up to
      // the newest event even if that event itself carries a publisher's id or was pruned.
      if (!eventId.matches("[0-9]{1,18}")) return Optional.empty();
      long seq = Long.parseLong(eventId);
      return seq <= SqlQueries.lastSeq(c) ? Optional.of(seq) : Optional.empty();
    });
  }

  @Override
  public long lastSeq() {
    return read(SqlQueries::lastSeq);
  }

  @Override
  public long prunedThrough() {
    return read(SqlQueries::prunedThrough);
  }

  @Override
  public int pruneEvents(long keep) {
    return write(tx -> ((SqlWriteTx) tx).pruneEvents(keep)).value();
  }

  @Override
  public Optional<ApiToken> tokenByHash(String tokenHash) {
    return read(c -> {
      try (var ps = c.prepareStatement(SqlRows.TOKEN_COLUMNS + " WHERE token_hash = ?")) {
        ps.setString(1, tokenHash);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(SqlRows.token(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<ApiToken> tokens() {
    return read(c -> {
      try (var ps = c.prepareStatement(SqlRows.TOKEN_COLUMNS + " ORDER BY id")) {
        var out = new ArrayList<ApiToken>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(SqlRows.token(rs));
        }
        return out;
      }
    });
  }

  @Override
  public boolean isEmpty() {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM stories");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) == 0;
      }
    });
  }

  // ---- PushStore

  @Override
  public PushSubscription savePushSubscription(String endpoint, String p256dh, String auth, List<String> topics,
      java.time.Instant at) {
    return write(tx -> ((SqlWriteTx) tx).call(c -> SqlPushStore.save(c, endpoint, p256dh, auth, topics, at))).value();
  }

  @Override
  public boolean deletePushSubscription(String endpoint) {
    return write(tx -> ((SqlWriteTx) tx).call(c -> SqlPushStore.delete(c, endpoint))).value();
  }

  @Override
  public Optional<PushSubscription> pushSubscription(String endpoint) {
    return read(c -> SqlPushStore.subscription(c, endpoint));
  }

  @Override
  public long pushSubscriptionCount() {
    return read(c -> SqlPushStore.count(c, "SELECT COUNT(*) FROM push_subscriptions"));
  }

  @Override
  public List<PushDelivery> claimPushDeliveries(java.time.Instant now, int limit) {
    return write(tx -> ((SqlWriteTx) tx).call(c -> SqlPushStore.claim(c, now, limit))).value();
  }

  @Override
  public void completePushDeliveries(List<PushCompletion> completions) {
    if (completions.isEmpty()) return;
    write(tx -> ((SqlWriteTx) tx).call(c -> {
      SqlPushStore.complete(c, completions);
      return null;
    }));
  }

  @Override
  public int releaseInFlightPushDeliveries() {
    return write(tx -> ((SqlWriteTx) tx).call(SqlPushStore::releaseInFlight)).value();
  }

  @Override
  public Optional<java.time.Instant> nextPushDue() {
    return read(SqlPushStore::nextDue);
  }

  @Override
  public java.util.Map<String, Long> pushDeliveryCounts() {
    return read(SqlPushStore::counts);
  }

  @Override
  public int prunePushHistory(java.time.Instant before) {
    return write(tx -> ((SqlWriteTx) tx).call(c -> SqlPushStore.prune(c, before))).value();
  }

  @Override
  public void close() {
    writeLock.lock();
    // Closed in reverse order: the upkeep first, then the writer, the pool last.
    try (dataSource; writer; maintenance) {
      // nothing to do inside
    } catch (Exception e) {
      throw new StoreException("closing the store failed", e);
    } finally {
      writeLock.unlock();
    }
  }

  private <T> T read(SqlFunction<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new StoreException("read failed", e);
    }
  }

  @FunctionalInterface
  interface SqlFunction<T> {
    T apply(Connection c) throws SQLException;
  }

  @FunctionalInterface
  interface SqlFunction0<T> {
    T get() throws SQLException;
  }
}
