package newsdesk.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import newsdesk.store.ApiToken;
import newsdesk.store.CallbackStore;
import newsdesk.store.DeskSession;
import newsdesk.store.Committed;
import newsdesk.store.Entry;
import newsdesk.store.Event;
import newsdesk.store.FileImageStore;
import newsdesk.store.ImageStore;
import newsdesk.store.Outcome;
import newsdesk.store.PushCompletion;
import newsdesk.store.PushDelivery;
import newsdesk.store.PresenceRow;
import newsdesk.store.PresenceStore;
import newsdesk.store.PushStore;
import newsdesk.store.PushSubscription;
import newsdesk.store.SignedIn;
import newsdesk.store.Store;
import newsdesk.store.StoreException;
import newsdesk.store.StoredVapidKeys;
import newsdesk.store.Story;
import newsdesk.store.StoryLink;
import newsdesk.store.StoryQuery;
import newsdesk.store.StoryVersion;
import newsdesk.store.VersionStore;
import newsdesk.store.User;
import newsdesk.store.UserStore;
import newsdesk.store.WriteTx;

/**
 * The {@link Store}, {@link PushStore} and {@link UserStore} over JDBC, in SQL that SQLite and
 * PostgreSQL both speak; how writes run is {@link SqlWrites}', what SQL differs is
 * {@link SqlDialect}'s. Opened by {@link Stores}. The Web Push SQL is in {@link SqlPushStore}, the
 * desk's people and sessions in {@link SqlUsers}, stories' versions in {@link SqlVersions}, who
 * has what open in {@link SqlPresence}. How each piece of SQL runs (read, serialised write,
 * upkeep) is {@link SqlAccess}'; the {@link CallbackStore} on the same database is
 * {@link SqlCallbacks} ({@link #callbacks}).
 */
public final class SqlStore implements Store, PushStore, UserStore, VersionStore, PresenceStore {

  private final SqlConnections connections;
  private final SqlWrites writes;
  private final SqlDialect dialect;
  private final SqlAccess sql;
  private final SqlCallbacks callbacks;
  private final AutoCloseable maintenance;

  /**
   * Reads use {@code connections}, every write {@code writes}. {@code maintenance} (background
   * upkeep of the database) is closed before the writes and the connections' pool.
   */
  SqlStore(SqlConnections connections, SqlWrites writes, SqlDialect dialect, AutoCloseable maintenance) {
    this.connections = connections;
    this.writes = writes;
    this.dialect = dialect;
    this.sql = new SqlAccess(connections, writes, dialect);
    this.callbacks = new SqlCallbacks(sql);
    this.maintenance = maintenance;
  }

  /** WebSub's and the webhooks' durable state, and the callbacks' outbox, on this store's database. */
  public CallbackStore callbacks() {
    return callbacks;
  }

  @Override
  public <T> Committed<T> write(Function<WriteTx, T> work) {
    return writes.transaction(true, session -> {
      var tx = new SqlWriteTx(session, dialect);
      T value = work.apply(tx);
      return new Committed<>(value, tx.appended());
    });
  }

  @Override
  public List<Outcome<?>> writeGroup(List<? extends Function<WriteTx, ?>> works) {
    if (works.isEmpty()) return List.of();
    if (works.size() > 1) return writes.transaction(true, session -> SqlGroupWrite.run(session, dialect, works));
    // One work needs no savepoint: its own failure rolls the transaction back, as a write's does.
    var thrown = new RuntimeException[1];
    try {
      return List.of(Outcome.of(write(tx -> {
        try {
          return works.get(0).apply(tx);
        } catch (RuntimeException e) {
          thrown[0] = e;
          throw e;
        }
      })));
    } catch (RuntimeException e) {
      if (e == thrown[0]) return List.of(Outcome.failed(e));
      throw e; // the commit failed
    }
  }

  @Override
  public Optional<Story> story(String slug) {
    return sql.read(c -> SqlQueries.story(c, slug));
  }

  @Override
  public List<Story> stories(StoryQuery q) {
    return sql.read(c -> SqlQueries.stories(c, q));
  }

  @Override
  public List<StoryLink> storyLinks(StoryQuery q) {
    return sql.read(c -> SqlQueries.links(c, q));
  }

  @Override
  public Optional<Instant> nextScheduled() {
    return sql.read(SqlSchedules::next);
  }

  @Override
  public List<newsdesk.store.ScheduledStory> dueScheduled(Instant now, int limit) {
    return sql.read(c -> SqlSchedules.due(c, now, limit));
  }

  @Override
  public List<StoryVersion> versions(long storyId, Long before, int limit) {
    return sql.read(c -> SqlVersions.list(c, storyId, before, limit));
  }

  @Override
  public Optional<StoryVersion> version(long storyId, long version) {
    return sql.read(c -> SqlVersions.one(c, storyId, version));
  }

  @Override
  public List<Entry> entries(long storyId) {
    return sql.read(c -> SqlQueries.entries(c, storyId));
  }

  @Override
  public List<Event> eventsAfter(long afterSeq, int limit) {
    return sql.read(c -> SqlEvents.after(c, afterSeq, limit));
  }

  @Override
  public Optional<Long> seqOfEventId(String eventId) {
    return sql.read(c -> SqlEvents.seqOfEventId(c, eventId));
  }

  @Override
  public long lastSeq() {
    return sql.read(SqlQueries::lastSeq);
  }

  @Override
  public long prunedThrough() {
    return sql.read(SqlQueries::prunedThrough);
  }

  @Override
  public int pruneEvents(long keep) {
    return sql.upkeep(c -> SqlEvents.prune(c, keep));
  }

  @Override
  public int pruneStoredAnswers(Instant now) {
    return sql.upkeep(c -> SqlAnswers.prune(c, now));
  }

  @Override
  public Optional<ApiToken> tokenByHash(String tokenHash) {
    return sql.read(c -> {
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
    return sql.read(c -> {
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
    return sql.read(c -> {
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
      Instant at) {
    return sql.write(c -> SqlPushStore.save(c, endpoint, p256dh, auth, topics, at));
  }

  @Override
  public boolean deletePushSubscription(String endpoint) {
    return sql.write(c -> SqlPushStore.delete(c, endpoint));
  }

  @Override
  public Optional<PushSubscription> pushSubscription(String endpoint) {
    return sql.read(c -> SqlPushStore.subscription(c, endpoint));
  }

  @Override
  public long pushSubscriptionCount() {
    return sql.read(c -> SqlPushStore.count(c, "SELECT COUNT(*) FROM push_subscriptions"));
  }

  @Override
  public long pushSubscriptionCount(List<String> topics) {
    return topics.isEmpty() ? 0 : sql.read(c -> SqlPushStore.following(c, topics));
  }

  /** Not serialised: claims on several nodes run side by side, each passing over the others' rows. */
  @Override
  public List<PushDelivery> claimPushDeliveries(String node, Instant now, Duration lease, int limit) {
    return sql.unserialised(c -> SqlPushStore.claim(c, dialect, node, now, now.plus(lease), limit));
  }

  @Override
  public void completePushDeliveries(String node, List<PushCompletion> completions) {
    if (completions.isEmpty()) return;
    sql.write(c -> {
      SqlPushStore.complete(c, node, completions);
      return null;
    });
  }

  @Override
  public int releasePushClaims(String node) {
    return sql.write(c -> SqlLeases.release(c, SqlPushStore.TABLE, node));
  }

  @Override
  public Optional<Instant> nextPushDue() {
    return sql.read(c -> SqlLeases.nextDue(c, SqlPushStore.TABLE));
  }

  @Override
  public Map<String, Long> pushDeliveryCounts() {
    return sql.read(c -> SqlLeases.counts(c, SqlPushStore.TABLE));
  }

  @Override
  public int prunePushHistory(Instant before) {
    return sql.upkeep(c -> SqlPushStore.prune(c, before));
  }

  @Override
  public Optional<StoredVapidKeys> vapidKeys() {
    return sql.read(SqlVapidKeys::read);
  }

  @Override
  public StoredVapidKeys keepVapidKeys(StoredVapidKeys candidate) {
    return sql.write(c -> SqlVapidKeys.keep(c, candidate));
  }

  // ---- UserStore

  @Override
  public Optional<User> insertUser(User user) {
    return sql.write(c -> SqlUsers.insert(c, user));
  }

  @Override
  public Optional<User> userByEmail(String email) {
    return sql.read(c -> SqlUsers.byEmail(c, email));
  }

  @Override
  public List<User> users() {
    return sql.read(SqlUsers::all);
  }

  @Override
  public boolean disableUser(String email, Instant at) {
    return sql.write(c -> SqlUsers.disable(c, email, at));
  }

  @Override
  public void insertSession(DeskSession session) {
    sql.write(c -> {
      SqlUsers.insertSession(c, session);
      return null;
    });
  }

  @Override
  public Optional<SignedIn> session(String idHash, Instant now) {
    return sql.read(c -> SqlUsers.session(c, idHash, now));
  }

  @Override
  public boolean deleteSession(String idHash) {
    return sql.write(c -> SqlUsers.deleteSession(c, idHash));
  }

  @Override
  public int pruneSessions(Instant now) {
    return sql.upkeep(c -> SqlUsers.pruneSessions(c, now));
  }

  /** Where this store's images go: its own tables on PostgreSQL, files under {@code dataDir/images} on SQLite. */
  public ImageStore images(java.nio.file.Path dataDir) {
    return dialect == PostgresDialect.INSTANCE ? new SqlImageStore(connections, writes)
        : new FileImageStore(dataDir.resolve("images"));
  }

  // ---- PresenceStore

  @Override
  public boolean sharePresence(String node, Instant now, Instant expiresAt, List<PresenceRow> changes) {
    // Not serialised: presence never waits behind publishes, nor they behind it.
    return sql.unserialised(c -> SqlPresence.share(c, node, now, expiresAt, changes));
  }

  @Override
  public List<PresenceRow> presence(Instant now) {
    return sql.read(c -> SqlPresence.all(c, now));
  }

  @Override
  public void dropPresence(String node) {
    sql.unserialised(c -> {
      SqlPresence.drop(c, node);
      return null;
    });
  }

  @Override
  public void close() {
    // Closed in reverse order: the upkeep first, then the writes (after the one under way), the pool last.
    try (connections; writes; maintenance) {
      // nothing to do inside
    } catch (Exception e) {
      throw new StoreException("closing the store failed", e);
    }
  }

  @FunctionalInterface
  interface SqlFunction0<T> {
    T get() throws SQLException;
  }
}
