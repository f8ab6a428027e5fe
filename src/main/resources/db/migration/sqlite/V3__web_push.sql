-- Web Push: readers' subscriptions, the topics each follows, and a durable outbox of alerts with
-- one delivery row per (alert, subscription). Times are epoch milliseconds.
CREATE TABLE push_subscriptions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint        TEXT   NOT NULL UNIQUE,
  p256dh          TEXT   NOT NULL,
  auth            TEXT   NOT NULL,
  created_at      BIGINT NOT NULL,
  last_success_at BIGINT,
  last_failure_at BIGINT
);

-- One row per followed topic: 'breaking', 'section:<name>', 'live:<slug>'. Fan-out is one
-- INSERT ... SELECT over this index.
CREATE TABLE push_topics (
  topic           TEXT   NOT NULL,
  subscription_id BIGINT NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
  PRIMARY KEY (topic, subscription_id)
);
CREATE INDEX push_topics_by_subscription ON push_topics (subscription_id);

CREATE TABLE push_alerts (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT   NOT NULL,
  topics       TEXT   NOT NULL,
  payload      TEXT   NOT NULL,
  urgency      TEXT   NOT NULL,
  topic_header TEXT,
  ttl_seconds  BIGINT NOT NULL,
  created_at   BIGINT NOT NULL
);

-- state: pending (due at next_attempt_at), in_flight (claimed by a sender), sent, failed.
-- The primary key is the "never twice" rule: one delivery per alert and subscription.
CREATE TABLE push_deliveries (
  alert_id        BIGINT  NOT NULL REFERENCES push_alerts (id) ON DELETE CASCADE,
  subscription_id BIGINT  NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
  state           TEXT    NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  last_status     INTEGER,
  PRIMARY KEY (alert_id, subscription_id)
);
CREATE INDEX push_deliveries_due ON push_deliveries (state, next_attempt_at);
CREATE INDEX push_deliveries_by_subscription ON push_deliveries (subscription_id);
