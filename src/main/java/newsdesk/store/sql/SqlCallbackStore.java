package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsdesk.store.CallbackCompletion;
import newsdesk.store.CallbackDelivery;
import newsdesk.store.WebSubSubscription;
import newsdesk.store.Webhook;
import newsdesk.store.WebhookActivity;
import newsdesk.store.WebhookBody;

/**
 * The SQL of {@link newsdesk.store.CallbackStore}, on a connection the caller holds (inside a
 * write transaction for every method that changes rows). Claims end as {@link SqlDialect#claimLock}
 * says, as the push outbox's do.
 */
final class SqlCallbackStore {
  static final String TABLE = "callback_deliveries";
  private static final String SUBSCRIPTION_COLUMNS =
      "SELECT id, callback, topic, secret, lease_seconds, expires_at, created_at FROM websub_subscriptions";

  private SqlCallbackStore() {}

  static WebSubSubscription save(Connection c, String callback, String topic, String secret, long leaseSeconds,
      Instant at) throws SQLException {
    Instant expires = at.plusSeconds(leaseSeconds);
    Optional<WebSubSubscription> old = subscription(c, callback, topic);
    if (old.isPresent()) {
      try (var ps = c.prepareStatement(
          "UPDATE websub_subscriptions SET secret = ?, lease_seconds = ?, expires_at = ? WHERE id = ?")) {
        ps.setString(1, secret);
        ps.setLong(2, leaseSeconds);
        SqlRows.setInstant(ps, 3, expires);
        ps.setLong(4, old.get().id());
        ps.executeUpdate();
      }
      // Deliveries not yet sent follow the renewed lease and secret.
      try (var ps = c.prepareStatement("UPDATE callback_deliveries SET secret = ?, give_up_at = ?"
          + " WHERE kind = 'websub' AND subscription_id = ? AND state IN ('pending', 'in_flight')")) {
        ps.setString(1, secret);
        SqlRows.setInstant(ps, 2, expires);
        ps.setLong(3, old.get().id());
        ps.executeUpdate();
      }
      return new WebSubSubscription(old.get().id(), callback, topic, secret, leaseSeconds, expires, old.get().createdAt());
    }
    try (var ps = c.prepareStatement("INSERT INTO websub_subscriptions"
        + " (callback, topic, secret, lease_seconds, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, callback);
      ps.setString(2, topic);
      ps.setString(3, secret);
      ps.setLong(4, leaseSeconds);
      SqlRows.setInstant(ps, 5, expires);
      SqlRows.setInstant(ps, 6, at);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new WebSubSubscription(rs.getLong(1), callback, topic, secret, leaseSeconds, expires, at);
      }
    }
  }

  static boolean delete(Connection c, String callback, String topic) throws SQLException {
    Optional<WebSubSubscription> s = subscription(c, callback, topic);
    if (s.isEmpty()) return false;
    deleteSubscription(c, s.get().id());
    return true;
  }

  /** The subscription and every delivery to it not yet finished. */
  private static boolean deleteSubscription(Connection c, long id) throws SQLException {
    return deleteWithUnsent(c, "websub_subscriptions", CallbackDelivery.WEBSUB, id);
  }

  /** A row of {@code table} (a constant) and the unfinished deliveries of {@code kind} to it. */
  private static boolean deleteWithUnsent(Connection c, String table, String kind, long id) throws SQLException {
    try (var ps = c.prepareStatement("DELETE FROM callback_deliveries"
        + " WHERE kind = ? AND subscription_id = ? AND state IN ('pending', 'in_flight')")) {
      ps.setString(1, kind);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
    try (var ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
      ps.setLong(1, id);
      return ps.executeUpdate() > 0;
    }
  }

  static Optional<WebSubSubscription> subscription(Connection c, String callback, String topic) throws SQLException {
    try (var ps = c.prepareStatement(SUBSCRIPTION_COLUMNS + " WHERE callback = ? AND topic = ?")) {
      ps.setString(1, callback);
      ps.setString(2, topic);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new WebSubSubscription(rs.getLong("id"), rs.getString("callback"), rs.getString("topic"),
            rs.getString("secret"), rs.getLong("lease_seconds"), SqlRows.instant(rs, "expires_at"),
            SqlRows.instant(rs, "created_at")));
      }
    }
  }

  static long cursor(Connection c, String name, long initial) throws SQLException {
    try (var ps = c.prepareStatement("INSERT INTO callback_cursors (name, seq) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
      ps.setString(1, name);
      ps.setLong(2, initial);
      ps.executeUpdate();
    }
    return cursor(c, name).orElseThrow();
  }

  static boolean anySubscribers(Connection c, String kind) throws SQLException {
    String table = switch (kind) {
      case CallbackDelivery.WEBHOOK -> "webhooks";
      case CallbackDelivery.WEBSUB -> "websub_subscriptions";
      default -> throw new IllegalArgumentException("no deliveries of kind " + kind);
    };
    try (var ps = c.prepareStatement("SELECT 1 FROM " + table + " LIMIT 1"); ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  static Optional<Long> cursor(Connection c, String name) throws SQLException {
    try (var ps = c.prepareStatement("SELECT seq FROM callback_cursors WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Moves {@code cursor} from {@code from} to {@code to}; false if it is no longer at {@code from}. Null: no cursor. */
  private static boolean moveCursor(Connection c, String cursor, long from, long to) throws SQLException {
    if (cursor == null) return true;
    try (var ps = c.prepareStatement("UPDATE callback_cursors SET seq = ? WHERE name = ? AND seq = ?")) {
      ps.setLong(1, to);
      ps.setString(2, cursor);
      ps.setLong(3, from);
      return ps.executeUpdate() > 0;
    }
  }

  static boolean queue(Connection c, String cursor, long from, long to, Collection<String> topics, Instant now)
      throws SQLException {
    if (!moveCursor(c, cursor, from, to)) return false;
    try (var ps = c.prepareStatement("INSERT INTO callback_deliveries (kind, subscription_id, url, topic, body, secret,"
        + " give_up_at, state, attempts, next_attempt_at, updated_at)"
        + " SELECT 'websub', s.id, s.callback, s.topic, NULL, s.secret, s.expires_at, 'pending', 0, ?, ?"
        + " FROM websub_subscriptions s WHERE s.topic = ? AND s.expires_at > ? AND NOT EXISTS (SELECT 1"
        + " FROM callback_deliveries d WHERE d.kind = 'websub' AND d.subscription_id = s.id AND d.state = 'pending')")) {
      for (String topic : topics.stream().distinct().toList()) {
        SqlRows.setInstant(ps, 1, now);
        SqlRows.setInstant(ps, 2, now);
        ps.setString(3, topic);
        SqlRows.setInstant(ps, 4, now);
        ps.executeUpdate();
      }
    }
    return true;
  }

  static Webhook saveWebhook(Connection c, String url, String secret, Instant at) throws SQLException {
    try (var ps = c.prepareStatement("INSERT INTO webhooks (url, secret, created_at) VALUES (?, ?, ?) RETURNING id")) {
      ps.setString(1, url);
      ps.setString(2, secret);
      SqlRows.setInstant(ps, 3, at);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Webhook(rs.getLong(1), url, secret, at);
      }
    }
  }

  static List<Webhook> webhooks(Connection c) throws SQLException {
    var out = new ArrayList<Webhook>();
    try (var ps = c.prepareStatement("SELECT id, url, secret, created_at FROM webhooks ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Webhook(rs.getLong("id"), rs.getString("url"), rs.getString("secret"), SqlRows.instant(rs, "created_at")));
      }
    }
    return out;
  }

  static Map<Long, WebhookActivity> webhookActivity(Connection c) throws SQLException {
    var counts = new HashMap<Long, long[]>(); // sent, waiting, failed
    try (var ps = c.prepareStatement("SELECT subscription_id, state, COUNT(*) FROM callback_deliveries"
        + " WHERE kind = 'webhook' AND subscription_id IN (SELECT id FROM webhooks) GROUP BY subscription_id, state");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long[] n = counts.computeIfAbsent(rs.getLong(1), k -> new long[3]);
        n[switch (rs.getString(2)) {
          case "sent" -> 0;
          case "failed" -> 2;
          default -> 1;
        }] += rs.getLong(3);
      }
    }
    // The last finished attempt of each: the newest updated_at among those attempted and not on the wire.
    var last = new HashMap<Long, WebhookActivity>();
    String attempted = "kind = 'webhook' AND attempts > 0 AND state <> 'in_flight'";
    try (var ps = c.prepareStatement("SELECT d.subscription_id, d.updated_at, d.last_status FROM callback_deliveries d"
        + " JOIN (SELECT subscription_id, MAX(updated_at) AS t FROM callback_deliveries WHERE " + attempted
        + " GROUP BY subscription_id) m ON d.subscription_id = m.subscription_id AND d.updated_at = m.t"
        + " WHERE d." + attempted.replace(" AND ", " AND d.")); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        last.putIfAbsent(rs.getLong(1), new WebhookActivity(rs.getLong(1), 0, 0, 0, SqlRows.instant(rs, "updated_at"),
            rs.getInt(3)));
      }
    }
    var out = new HashMap<Long, WebhookActivity>();
    counts.forEach((id, n) -> {
      WebhookActivity l = last.get(id);
      out.put(id, new WebhookActivity(id, n[0], n[1], n[2], l == null ? null : l.lastAttemptAt(),
          l == null ? 0 : l.lastStatus()));
    });
    return out;
  }

  static boolean deleteWebhook(Connection c, long id) throws SQLException {
    return deleteWithUnsent(c, "webhooks", CallbackDelivery.WEBHOOK, id);
  }

  static boolean queueWebhooks(Connection c, String cursor, long from, long to, List<WebhookBody> bodies, Instant now,
      Instant giveUpAt) throws SQLException {
    if (!moveCursor(c, cursor, from, to)) return false;
    try (var ps = c.prepareStatement("INSERT INTO callback_deliveries (kind, subscription_id, url, topic, body, secret,"
        + " give_up_at, state, attempts, next_attempt_at, updated_at)"
        + " SELECT 'webhook', w.id, w.url, NULL, ?, w.secret, ?, 'pending', 0, ?, ? FROM webhooks w"
        + " WHERE w.created_at <= ? ORDER BY w.id")) {
      for (WebhookBody body : bodies) {
        ps.setString(1, body.json());
        SqlRows.setInstant(ps, 2, giveUpAt);
        SqlRows.setInstant(ps, 3, now);
        SqlRows.setInstant(ps, 4, now);
        SqlRows.setInstant(ps, 5, body.eventAt());
        ps.executeUpdate();
      }
    }
    return true;
  }

  static List<CallbackDelivery> claim(Connection c, SqlDialect dialect, String node, Instant now, Instant leaseUntil,
      int limit) throws SQLException {
    var out = new ArrayList<CallbackDelivery>();
    try (var ps = c.prepareStatement(
        "SELECT d.id, d.kind, d.subscription_id, d.url, d.topic, d.body, d.secret, d.give_up_at, d.attempts"
            + " FROM callback_deliveries d"
            + " WHERE " + SqlLeases.DUE + " ORDER BY d.next_attempt_at, d.id LIMIT ?" + dialect.claimLock())) {
      SqlLeases.bindDue(ps, now);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new CallbackDelivery(rs.getLong("id"), rs.getString("kind"), rs.getLong("subscription_id"),
              rs.getString("url"), rs.getString("topic"), rs.getString("body"), rs.getString("secret"),
              SqlRows.instant(rs, "give_up_at"), rs.getInt("attempts") + 1));
        }
      }
    }
    SqlLeases.take(c, TABLE, "id = ?", out, node, now, leaseUntil, (ps, i, d) -> ps.setLong(i, d.id()));
    return out;
  }

  static void complete(Connection c, String node, List<CallbackCompletion> done) throws SQLException {
    try (var state = SqlLeases.completion(c, TABLE, "id = ?")) {
      for (CallbackCompletion p : done) {
        if (p.state() == CallbackCompletion.State.GONE) {
          gone(c, node, p.id());
          continue;
        }
        SqlLeases.outcome(state, p.state(), p.nextAttemptAt(), p.at(), p.status());
        state.setLong(5, p.id());
        state.setString(6, node);
        state.addBatch();
      }
      state.executeBatch();
    }
  }

  /** A 410 to a delivery this node still holds: the subscription or webhook it belongs to ends. */
  private static void gone(Connection c, String node, long deliveryId) throws SQLException {
    try (var ps = c.prepareStatement("SELECT kind, subscription_id FROM callback_deliveries"
        + " WHERE id = ? AND state = 'in_flight' AND claimed_by = ?")) {
      ps.setLong(1, deliveryId);
      ps.setString(2, node);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return;
        if (CallbackDelivery.WEBSUB.equals(rs.getString(1))) deleteSubscription(c, rs.getLong(2));
        else deleteWebhook(c, rs.getLong(2));
      }
    }
  }

  static int prune(Connection c, Instant now, Instant before) throws SQLException {
    int n;
    try (var ps = c.prepareStatement("DELETE FROM websub_subscriptions WHERE expires_at <= ?")) {
      SqlRows.setInstant(ps, 1, now);
      n = ps.executeUpdate();
    }
    try (var ps = c.prepareStatement("DELETE FROM callback_deliveries WHERE (state IN ('sent', 'failed') AND updated_at < ?)"
        + " OR (kind = 'websub' AND state = 'pending' AND subscription_id NOT IN (SELECT id FROM websub_subscriptions))")) {
      SqlRows.setInstant(ps, 1, before);
      n += ps.executeUpdate();
    }
    return n;
  }
}
