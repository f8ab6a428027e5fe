package newsdesk.store.sql;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsdesk.store.CallbackCompletion;
import newsdesk.store.CallbackDelivery;
import newsdesk.store.CallbackStore;
import newsdesk.store.WebSubIntent;
import newsdesk.store.WebSubSubscription;
import newsdesk.store.WebSubVerification;
import newsdesk.store.Webhook;
import newsdesk.store.WebhookActivity;
import newsdesk.store.WebhookBody;

/**
 * The {@link CallbackStore} over JDBC: WebSub subscriptions and their verification intents,
 * webhooks, the cursors the dispatchers queue from, and the callback outbox. Its SQL is in
 * {@link SqlCallbackStore} and {@link SqlWebSubIntents}; {@link SqlStore#callbacks} hands it out.
 */
final class SqlCallbacks implements CallbackStore {
  private final SqlAccess sql;

  SqlCallbacks(SqlAccess sql) {
    this.sql = sql;
  }

  @Override
  public WebSubSubscription saveWebSubSubscription(String callback, String topic, String secret, long leaseSeconds,
      Instant at) {
    return sql.write(c -> SqlCallbackStore.save(c, callback, topic, secret, leaseSeconds, at));
  }

  @Override
  public boolean deleteWebSubSubscription(String callback, String topic) {
    return sql.write(c -> SqlCallbackStore.delete(c, callback, topic));
  }

  @Override
  public Optional<WebSubSubscription> webSubSubscription(String callback, String topic) {
    return sql.read(c -> SqlCallbackStore.subscription(c, callback, topic));
  }

  @Override
  public WebSubIntent saveWebSubIntent(String mode, String callback, String topic, String secret, long leaseSeconds,
      Instant at) {
    return sql.write(c -> SqlWebSubIntents.save(c, mode, callback, topic, secret, leaseSeconds, at));
  }

  @Override
  public List<WebSubIntent> claimWebSubIntents(String node, Instant now, Duration lease, int limit) {
    return sql.unserialised(c -> SqlWebSubIntents.claim(c, sql.dialect(), node, now, now.plus(lease), limit));
  }

  @Override
  public void completeWebSubIntents(String node, List<WebSubVerification> verifications) {
    sql.write(c -> {
      SqlWebSubIntents.complete(c, node, verifications);
      return null;
    });
  }

  @Override
  public int releaseWebSubIntentClaims(String node) {
    return sql.write(c -> SqlLeases.release(c, SqlWebSubIntents.TABLE, node));
  }

  @Override
  public Optional<Instant> nextWebSubIntentDue() {
    return sql.read(c -> SqlLeases.nextDue(c, SqlWebSubIntents.TABLE));
  }

  @Override
  public boolean anySubscribers(String kind) {
    return sql.read(c -> SqlCallbackStore.anySubscribers(c, kind));
  }

  /** A read once the cursor exists: dispatchers ask every poll, and a write would take the writers' lock. */
  @Override
  public long callbackCursor(String name, long initial) {
    Optional<Long> at = sql.read(c -> SqlCallbackStore.cursor(c, name));
    return at.isPresent() ? at.get() : sql.write(c -> SqlCallbackStore.cursor(c, name, initial));
  }

  @Override
  public boolean queueWebSubDeliveries(String cursor, long from, long to, Collection<String> topics,
      Instant now) {
    return sql.write(c -> SqlCallbackStore.queue(c, cursor, from, to, topics, now));
  }

  @Override
  public Webhook saveWebhook(String url, String secret, Instant at) {
    return sql.write(c -> SqlCallbackStore.saveWebhook(c, url, secret, at));
  }

  @Override
  public List<Webhook> webhooks() {
    return sql.read(SqlCallbackStore::webhooks);
  }

  @Override
  public boolean deleteWebhook(long id) {
    return sql.write(c -> SqlCallbackStore.deleteWebhook(c, id));
  }

  @Override
  public Map<Long, WebhookActivity> webhookActivity() {
    return sql.read(SqlCallbackStore::webhookActivity);
  }

  @Override
  public boolean queueWebhookDeliveries(String cursor, long from, long to, List<WebhookBody> bodies, Instant now,
      Instant giveUpAt) {
    return sql.write(c -> SqlCallbackStore.queueWebhooks(c, cursor, from, to, bodies, now, giveUpAt));
  }

  /** Not serialised: claims on several nodes run side by side, each passing over the others' rows. */
  @Override
  public List<CallbackDelivery> claimCallbackDeliveries(String node, Instant now, Duration lease, int limit) {
    return sql.unserialised(c -> SqlCallbackStore.claim(c, sql.dialect(), node, now, now.plus(lease), limit));
  }

  @Override
  public void completeCallbackDeliveries(String node, List<CallbackCompletion> completions) {
    if (completions.isEmpty()) return;
    sql.write(c -> {
      SqlCallbackStore.complete(c, node, completions);
      return null;
    });
  }

  @Override
  public int releaseCallbackClaims(String node) {
    return sql.write(c -> SqlLeases.release(c, SqlCallbackStore.TABLE, node));
  }

  @Override
  public Optional<Instant> nextCallbackDue() {
    return sql.read(c -> SqlLeases.nextDue(c, SqlCallbackStore.TABLE));
  }

  @Override
  public Map<String, Long> callbackDeliveryCounts() {
    return sql.read(c -> SqlLeases.counts(c, SqlCallbackStore.TABLE));
  }

  @Override
  public int pruneCallbacks(Instant now, Instant before) {
    return sql.upkeep(c -> SqlCallbackStore.prune(c, now, before));
  }
}
