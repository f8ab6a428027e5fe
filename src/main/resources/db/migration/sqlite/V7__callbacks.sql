-- Outgoing HTTP callbacks: WebSub subscriptions and one durable outbox of deliveries to
-- subscribers' callback URLs, claimed with leases as push deliveries are (decision 0102).
-- Times are epoch milliseconds. Twin of the PostgreSQL migration.

-- A verified WebSub subscription: one per (callback, topic); it ends at expires_at.
CREATE TABLE websub_subscriptions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  callback      TEXT   NOT NULL,
  topic         TEXT   NOT NULL,
  secret        TEXT,
  lease_seconds BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  UNIQUE (callback, topic)
);
CREATE INDEX websub_subscriptions_by_topic ON websub_subscriptions (topic, expires_at);

-- How far a dispatcher has turned the event log into deliveries; moved in the transaction that
-- queues them, only from where it was read, so of several nodes one queues each event.
CREATE TABLE callback_cursors (
  name TEXT   PRIMARY KEY,
  seq  BIGINT NOT NULL
);

-- kind: websub (body rendered from topic when sent) or webhook (body fixed when queued).
-- state: pending (due at next_attempt_at), in_flight (claimed_by until lease_until), sent, failed.
-- Attempts stop at give_up_at (a WebSub subscription's lease end).
CREATE TABLE callback_deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  kind            TEXT    NOT NULL,
  subscription_id BIGINT  NOT NULL,
  url             TEXT    NOT NULL,
  topic           TEXT,
  body            TEXT,
  secret          TEXT,
  give_up_at      BIGINT  NOT NULL,
  state           TEXT    NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  last_status     INTEGER,
  claimed_by      TEXT,
  lease_until     BIGINT
);
CREATE INDEX callback_deliveries_due ON callback_deliveries (state, next_attempt_at);
CREATE INDEX callback_deliveries_leases ON callback_deliveries (state, lease_until);
CREATE INDEX callback_deliveries_by_subscription ON callback_deliveries (kind, subscription_id, state);

-- Webhooks an admin registered: every newsroom event is POSTed to url, signed with secret
-- (Standard Webhooks: the secret is whsec_ and the base64 of the key).
CREATE TABLE webhooks (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  url        TEXT   NOT NULL,
  secret     TEXT   NOT NULL,
  created_at BIGINT NOT NULL
);
