-- WebSub requests the hub accepted (202) and has yet to verify with the subscriber, kept so that a
-- restart loses none; claimed with leases as callback deliveries are (decision 0145). A row goes
-- when its verification ends. Times are epoch milliseconds. Twin of the PostgreSQL migration.
-- state: pending (due at next_attempt_at) or in_flight (claimed_by until lease_until).
CREATE TABLE websub_intents (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  mode            TEXT    NOT NULL,
  callback        TEXT    NOT NULL,
  topic           TEXT    NOT NULL,
  secret          TEXT,
  lease_seconds   BIGINT  NOT NULL,
  state           TEXT    NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  claimed_by      TEXT,
  lease_until     BIGINT
);
CREATE INDEX websub_intents_due ON websub_intents (state, next_attempt_at);
CREATE INDEX websub_intents_by_pair ON websub_intents (callback, topic, id);
