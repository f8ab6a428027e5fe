-- The first answer to an API create sent with an Idempotency-Key header, kept until expires_at
-- (epoch milliseconds) so that the same request sent again, to any node, gets the same answer and
-- changes nothing. Written in the create's own transaction: the answer is stored if and only if
-- the create committed. scope is the API token's id (keys are the client's own, per token);
-- fingerprint is a SHA-256 of the method, path and body. Twin of the other dialect's migration.
CREATE TABLE idempotent_answers (
  scope       TEXT    NOT NULL,
  idem_key    TEXT    NOT NULL,
  fingerprint TEXT    NOT NULL,
  status      INTEGER NOT NULL,
  location    TEXT,
  body        TEXT    NOT NULL,
  expires_at  BIGINT  NOT NULL,
  PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotent_answers_expiry ON idempotent_answers (expires_at);
