package newsdesk.store.sql;

import java.sql.Connection;
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
import newsdesk.store.CallbackCompletion;
import newsdesk.store.CallbackDelivery;
import newsdesk.store.CallbackStore;
import newsdesk.store.WebSubIntent;
import newsdesk.store.WebSubSubscription;
import newsdesk.store.WebSubVerification;
import newsdesk.store.Webhook;
import newsdesk.store.WebhookBody;
import newsdesk.store.WebhookActivity;
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
 * desk's people and sessions in {@link SqlUsers}, stories' versions in {@link SqlVersions},
 * the callbacks' in {@link SqlCallbackStore}, who has what open in {@link SqlPresence}.
 */
public final class SqlStore implements Store, PushStore, UserStore, CallbackStore, VersionStore, PresenceStore {

  private final SqlConnections connections;
  private final SqlWrites writes;
  private final SqlDialect dialect;
  private final AutoCloseable maintenance;

  /**
   * Reads use {@code connections}, every write {@code writes}. {@code maintenance} (background
   * upkeep of the database) is closed before the writes and the connections' pool.
   */
  SqlStore(SqlConnections connections, SqlWrites writes, SqlDialect dialect, AutoCloseable maintenance) {
    this.connections = connections;
    this.writes = writes;
    this.dialect = dialect;
    this.maintenance = maintenance;
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

  /** Store-internal SQL in a serialised write transaction of its own. */
  private <T> T writeSql(SqlFunction<T> work) {
    return writes.transaction(true, session -> work.apply(session.connection()));
  }

  /** As {@link #writeSql}, for bulk tidying that may take longer than a request's call. */
  private <T> T upkeep(SqlFunction<T> work) {
    return writes.transaction(true, session -> {
      connections.upkeep(session.connection());
      return work.apply(session.connection());
    });
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
  public List<StoryLink> storyLinks(StoryQuery q) {
    return read(c -> SqlQueries.links(c, q));
  }

  @Override
  public Optional<Instant> nextScheduled() {
    return read(SqlSchedules::next);
  }

  @Override
  public List<newsdesk.store.ScheduledStory> dueScheduled(Instant now, int limit) {
    return read(c -> SqlSchedules.due(c, now, limit));
  }

  @Override
  public List<StoryVersion> versions(long storyId, Long before, int limit) {
    return read(c -> SqlVersions.list(c, storyId, before, limit));
  }

  @Override
  public Optional<StoryVersion> version(long storyId, long version) {
    return read(c -> SqlVersions.one(c, storyId, version));
  }

  @Override
  public List<Entry> entries(long storyId) {
    return read(c -> SqlQueries.entries(c, storyId));
  }

  @Override
  public List<Event> eventsAfter(long afterSeq, int limit) {
    return read(c -> SqlEvents.after(c, afterSeq, limit));
  }

  @Override
  public Optional<Long> seqOfEventId(String eventId) {
    return read(c -> SqlEvents.seqOfEventId(c, eventId));
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
    return upkeep(c -> SqlEvents.prune(c, keep));
  }

  @Override
  public int pruneStoredAnswers(Instant now) {
    return upkeep(c -> SqlAnswers.prune(c, now));
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
      Instant at) {
    return writeSql(c -> SqlPushStore.save(c, endpoint, p256dh, auth, topics, at));
  }

  @Override
  public boolean deletePushSubscription(String endpoint) {
    return writeSql(c -> SqlPushStore.delete(c, endpoint));
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
  public long pushSubscriptionCount(List<String> topics) {
    return topics.isEmpty() ? 0 : read(c -> SqlPushStore.following(c, topics));
  }

  /** Not serialised: claims on several nodes run side by side, each passing over the others' rows. */
  @Override
  public List<PushDelivery> claimPushDeliveries(String node, Instant now, Duration lease, int limit) {
    return writes.transaction(false, s -> SqlPushStore.claim(s.connection(), dialect, node, now, now.plus(lease), limit));
  }

  @Override
  public void completePushDeliveries(String node, List<PushCompletion> completions) {
    if (completions.isEmpty()) return;
    writeSql(c -> {
      SqlPushStore.complete(c, node, completions);
      return null;
    });
  }

  @Override
  public int releasePushClaims(String node) {
    return writeSql(c -> SqlLeases.release(c, SqlPushStore.TABLE, node));
  }

  @Override
  public Optional<Instant> nextPushDue() {
    return read(c -> SqlLeases.nextDue(c, SqlPushStore.TABLE));
  }

  @Override
  public Map<String, Long> pushDeliveryCounts() {
    return read(c -> SqlLeases.counts(c, SqlPushStore.TABLE));
  }

  @Override
  public int prunePushHistory(Instant before) {
    return upkeep(c -> SqlPushStore.prune(c, before));
  }

  @Override
  public Optional<StoredVapidKeys> vapidKeys() {
    return read(SqlVapidKeys::read);
  }

  @Override
  public StoredVapidKeys keepVapidKeys(StoredVapidKeys candidate) {
    return writeSql(c -> SqlVapidKeys.keep(c, candidate));
  }

  // ---- UserStore

  @Override
  public Optional<User> insertUser(User user) {
    return writeSql(c -> SqlUsers.insert(c, user));
  }

  @Override
  public Optional<User> userByEmail(String email) {
    return read(c -> SqlUsers.byEmail(c, email));
  }

  @Override
  public List<User> users() {
    return read(SqlUsers::all);
  }

  @Override
  public boolean disableUser(String email, Instant at) {
    return writeSql(c -> SqlUsers.disable(c, email, at));
  }

  @Override
  public void insertSession(DeskSession session) {
    writeSql(c -> {
      SqlUsers.insertSession(c, session);
      return null;
    });
  }

  @Override
  public Optional<SignedIn> session(String idHash, Instant now) {
    return read(c -> SqlUsers.session(c, idHash, now));
  }

  @Override
  public boolean deleteSession(String idHash) {
    return writeSql(c -> SqlUsers.deleteSession(c, idHash));
  }

  @Override
  public int pruneSessions(Instant now) {
    return upkeep(c -> SqlUsers.pruneSessions(c, now));
  }

  // ---- CallbackStore

  @Override
  public WebSubSubscription saveWebSubSubscription(String callback, String topic, String secret, long leaseSeconds,
      Instant at) {
    return writeSql(c -> SqlCallbackStore.save(c, callback, topic, secret, leaseSeconds, at));
  }

  @Override
  public boolean deleteWebSubSubscription(String callback, String topic) {
    return writeSql(c -> SqlCallbackStore.delete(c, callback, topic));
  }

  @Override
  public Optional<WebSubSubscription> webSubSubscription(String callback, String topic) {
    return read(c -> SqlCallbackStore.subscription(c, callback, topic));
  }

  /** A read once the cursor exists: dispatchers ask every poll, and a write would take the writers' lock. */
  @Override
  public WebSubIntent saveWebSubIntent(String mode, String callback, String topic, String secret, long leaseSeconds,
      Instant at) {
    return writeSql(c -> SqlWebSubIntents.save(c, mode, callback, topic, secret, leaseSeconds, at));
  }

  @Override
  public List<WebSubIntent> claimWebSubIntents(String node, Instant now, Duration lease, int limit) {
    return writes.transaction(false, s -> SqlWebSubIntents.claim(s.connection(), dialect, node, now, now.plus(lease), limit));
  }

  @Override
  public void completeWebSubIntents(String node, List<WebSubVerification> verifications) {
    writeSql(c -> {
      SqlWebSubIntents.complete(c, node, verifications);
      return null;
    });
  }

  @Override
  public int releaseWebSubIntentClaims(String node) {
    return writeSql(c -> SqlLeases.release(c, SqlWebSubIntents.TABLE, node));
  }

  @Override
  public Optional<Instant> nextWebSubIntentDue() {
    return read(c -> SqlLeases.nextDue(c, SqlWebSubIntents.TABLE));
  }

  @Override
  public long callbackCursor(String name, long initial) {
    Optional<Long> at = read(c -> SqlCallbackStore.cursor(c, name));
    return at.isPresent() ? at.get() : writeSql(c -> SqlCallbackStore.cursor(c, name, initial));
  }

  @Override
  public boolean queueWebSubDeliveries(String cursor, long from, long to, java.util.Collection<String> topics,
      Instant now) {
    return writeSql(c -> SqlCallbackStore.queue(c, cursor, from, to, topics, now));
  }

  @Override
  public Webhook saveWebhook(String url, String secret, Instant at) {
    return writeSql(c -> SqlCallbackStore.saveWebhook(c, url, secret, at));
  }

  @Override
  public List<Webhook> webhooks() {
    return read(SqlCallbackStore::webhooks);
  }

  @Override
  public boolean deleteWebhook(long id) {
    return writeSql(c -> SqlCallbackStore.deleteWebhook(c, id));
  }

  @Override
  public Map<Long, WebhookActivity> webhookActivity() {
    return read(SqlCallbackStore::webhookActivity);
  }

  @Override
  public boolean queueWebhookDeliveries(String cursor, long from, long to, List<WebhookBody> bodies, Instant now,
      Instant giveUpAt) {
    return writeSql(c -> SqlCallbackStore.queueWebhooks(c, cursor, from, to, bodies, now, giveUpAt));
  }

  /** Not serialised: claims on several nodes run side by side, each passing over the others' rows. */
  @Override
  public List<CallbackDelivery> claimCallbackDeliveries(String node, Instant now, Duration lease, int limit) {
    return writes.transaction(false, s -> SqlCallbackStore.claim(s.connection(), dialect, node, now, now.plus(lease), limit));
  }

  @Override
  public void completeCallbackDeliveries(String node, List<CallbackCompletion> completions) {
    if (completions.isEmpty()) return;
    writeSql(c -> {
      SqlCallbackStore.complete(c, node, completions);
      return null;
    });
  }

  @Override
  public int releaseCallbackClaims(String node) {
    return writeSql(c -> SqlLeases.release(c, SqlCallbackStore.TABLE, node));
  }

  @Override
  public Optional<Instant> nextCallbackDue() {
    return read(c -> SqlLeases.nextDue(c, SqlCallbackStore.TABLE));
  }

  @Override
  public Map<String, Long> callbackDeliveryCounts() {
    return read(c -> SqlLeases.counts(c, SqlCallbackStore.TABLE));
  }

  @Override
  public int pruneCallbacks(Instant now, Instant before) {
    return upkeep(c -> SqlCallbackStore.prune(c, now, before));
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
    return writes.transaction(false, s -> SqlPresence.share(s.connection(), node, now, expiresAt, changes));
  }

  @Override
  public List<PresenceRow> presence(Instant now) {
    return read(c -> SqlPresence.all(c, now));
  }

  @Override
  public void dropPresence(String node) {
    writes.transaction(false, s -> {
      SqlPresence.drop(s.connection(), node);
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

  private <T> T read(SqlFunction<T> work) {
    try (Connection c = connections.get()) {
      T value = work.apply(c);
      connections.answered();
      return value;
    } catch (SQLException e) {
      throw connections.failed("read failed", e);
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
