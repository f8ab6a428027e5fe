package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import newsdesk.store.NewPushAlert;
import newsdesk.store.PushCompletion;
import newsdesk.store.PushDelivery;
import newsdesk.store.PushSubscription;
import newsdesk.store.QueuedPushAlert;

/**
 * The SQL of {@link newsdesk.store.PushStore}, on a connection the caller holds (inside a write
 * transaction for every method that changes rows). SQL that SQLite and PostgreSQL both speak; the
 * claim ends as {@link SqlDialect#claimLock} says.
 */
final class SqlPushStore {
  static final String TABLE = "push_deliveries";

  private SqlPushStore() {}

  static PushSubscription save(Connection c, String endpoint, String p256dh, String auth, List<String> topics,
      Instant at) throws SQLException {
    Optional<PushSubscription> old = subscription(c, endpoint);
    long id;
    Instant created;
    if (old.isPresent()) {
      id = old.get().id();
      created = old.get().createdAt();
      try (var ps = c.prepareStatement("UPDATE push_subscriptions SET p256dh = ?, auth = ? WHERE id = ?")) {
        ps.setString(1, p256dh);
        ps.setString(2, auth);
        ps.setLong(3, id);
        ps.executeUpdate();
      }
      try (var ps = c.prepareStatement("DELETE FROM push_topics WHERE subscription_id = ?")) {
        ps.setLong(1, id);
        ps.executeUpdate();
      }
    } else {
      created = at;
      try (var ps = c.prepareStatement(
          "INSERT INTO push_subscriptions (endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?) RETURNING id")) {
        ps.setString(1, endpoint);
        ps.setString(2, p256dh);
        ps.setString(3, auth);
        SqlRows.setInstant(ps, 4, at);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
    }
    try (var ps = c.prepareStatement("INSERT INTO push_topics (topic, subscription_id) VALUES (?, ?)")) {
      for (String t : topics.stream().distinct().toList()) {
        ps.setString(1, t);
        ps.setLong(2, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return new PushSubscription(id, endpoint, p256dh, auth, topics.stream().distinct().toList(), created,
        old.map(PushSubscription::lastSuccessAt).orElse(null), old.map(PushSubscription::lastFailureAt).orElse(null));
  }

  static boolean delete(Connection c, String endpoint) throws SQLException {
    // Deliveries and topics go with it (ON DELETE CASCADE).
    try (var ps = c.prepareStatement("DELETE FROM push_subscriptions WHERE endpoint = ?")) {
      ps.setString(1, endpoint);
      return ps.executeUpdate() > 0;
    }
  }

  static Optional<PushSubscription> subscription(Connection c, String endpoint) throws SQLException {
    try (var ps = c.prepareStatement(
        "SELECT id, endpoint, p256dh, auth, created_at, last_success_at, last_failure_at"
            + " FROM push_subscriptions WHERE endpoint = ?")) {
      ps.setString(1, endpoint);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        long id = rs.getLong("id");
        var topics = new ArrayList<String>();
        try (var t = c.prepareStatement("SELECT topic FROM push_topics WHERE subscription_id = ? ORDER BY topic")) {
          t.setLong(1, id);
          try (ResultSet trs = t.executeQuery()) {
            while (trs.next()) topics.add(trs.getString(1));
          }
        }
        return Optional.of(new PushSubscription(id, rs.getString("endpoint"), rs.getString("p256dh"),
            rs.getString("auth"), topics, SqlRows.instant(rs, "created_at"), SqlRows.instant(rs, "last_success_at"),
            SqlRows.instant(rs, "last_failure_at")));
      }
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (var ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The subscriptions following any of {@code topics} (not empty), each once: whom enqueue would reach. */
  static long following(Connection c, List<String> topics) throws SQLException {
    try (var ps = c.prepareStatement("SELECT COUNT(DISTINCT subscription_id) FROM push_topics WHERE topic IN ("
        + marks(topics) + ")")) {
      int i = 1;
      for (String t : topics) ps.setString(i++, t);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String marks(List<String> topics) {
    return String.join(", ", topics.stream().map(t -> "?").toList());
  }

  static QueuedPushAlert enqueue(Connection c, NewPushAlert a) throws SQLException {
    long alertId;
    try (var ps = c.prepareStatement(
        "INSERT INTO push_alerts (kind, topics, payload, urgency, topic_header, ttl_seconds, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, a.kind());
      ps.setString(2, SqlRows.json(a.topics()));
      ps.setString(3, a.payload());
      ps.setString(4, a.urgency());
      ps.setString(5, a.topicHeader());
      ps.setLong(6, a.ttlSeconds());
      SqlRows.setInstant(ps, 7, a.createdAt());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        alertId = rs.getLong(1);
      }
    }
    if (a.topics().isEmpty()) return new QueuedPushAlert(alertId, 0);
    // One delivery per subscription, however many of the alert's topics it follows.
    String marks = marks(a.topics());
    try (var ps = c.prepareStatement(
        "INSERT INTO push_deliveries (alert_id, subscription_id, state, attempts, next_attempt_at, updated_at)"
            + " SELECT DISTINCT ?, subscription_id, 'pending', 0, ?, ? FROM push_topics WHERE topic IN (" + marks + ")")) {
      ps.setLong(1, alertId);
      SqlRows.setInstant(ps, 2, a.createdAt());
      SqlRows.setInstant(ps, 3, a.createdAt());
      int i = 4;
      for (String t : a.topics()) ps.setString(i++, t);
      return new QueuedPushAlert(alertId, ps.executeUpdate());
    }
  }

  /**
   * Claims due deliveries for {@code node} until {@code leaseUntil}: pending ones due by
   * {@code now}, and in-flight ones whose lease ran out (their node died).
   */
  static List<PushDelivery> claim(Connection c, SqlDialect dialect, String node, Instant now, Instant leaseUntil,
      int limit) throws SQLException {
    var out = new ArrayList<PushDelivery>();
    try (var ps = c.prepareStatement(
        "SELECT d.alert_id, d.subscription_id, d.attempts, s.endpoint, s.p256dh, s.auth, a.payload, a.urgency,"
            + " a.topic_header, a.ttl_seconds, a.created_at"
            + " FROM push_deliveries d"
            + " JOIN push_subscriptions s ON s.id = d.subscription_id"
            + " JOIN push_alerts a ON a.id = d.alert_id"
            + " WHERE " + SqlLeases.DUE
            + " ORDER BY d.next_attempt_at, d.alert_id, d.subscription_id LIMIT ?" + dialect.claimLock())) {
      SqlLeases.bindDue(ps, now);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new PushDelivery(rs.getLong("alert_id"), rs.getLong("subscription_id"), rs.getString("endpoint"),
              rs.getString("p256dh"), rs.getString("auth"), rs.getString("payload"), rs.getString("urgency"),
              rs.getString("topic_header"), rs.getLong("ttl_seconds"), SqlRows.instant(rs, "created_at"),
              rs.getInt("attempts") + 1));
        }
      }
    }
    SqlLeases.take(c, TABLE, "alert_id = ? AND subscription_id = ?", out, node, now, leaseUntil, (ps, i, d) -> {
      ps.setLong(i, d.alertId());
      ps.setLong(i + 1, d.subscriptionId());
    });
    return out;
  }

  /** Records {@code node}'s completions; a delivery another node has claimed since is left alone. */
  static void complete(Connection c, String node, List<PushCompletion> done) throws SQLException {
    try (var state = SqlLeases.completion(c, TABLE, "alert_id = ? AND subscription_id = ?");
        var success = c.prepareStatement("UPDATE push_subscriptions SET last_success_at = ? WHERE id = ?");
        var failure = c.prepareStatement("UPDATE push_subscriptions SET last_failure_at = ? WHERE id = ?");
        var gone = c.prepareStatement("DELETE FROM push_subscriptions WHERE id = ?")) {
      for (PushCompletion p : done) {
        if (p.state() == PushCompletion.State.GONE) {
          gone.setLong(1, p.subscriptionId());
          gone.addBatch();
          continue;
        }
        SqlLeases.outcome(state, p.state(), p.nextAttemptAt(), p.at(), p.status());
        state.setLong(5, p.alertId());
        state.setLong(6, p.subscriptionId());
        state.setString(7, node);
        state.addBatch();
        var touch = p.state() == PushCompletion.State.SENT ? success : failure;
        SqlRows.setInstant(touch, 1, p.at());
        touch.setLong(2, p.subscriptionId());
        touch.addBatch();
      }
      state.executeBatch();
      success.executeBatch();
      failure.executeBatch();
      gone.executeBatch();
    }
  }

  static int prune(Connection c, Instant before) throws SQLException {
    // An alert goes once none of its deliveries is still pending or in flight.
    try (var ps = c.prepareStatement(
        "DELETE FROM push_alerts WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM push_deliveries d"
            + " WHERE d.alert_id = push_alerts.id AND d.state IN ('pending', 'in_flight'))")) {
      SqlRows.setInstant(ps, 1, before);
      return ps.executeUpdate();
    }
  }
}
