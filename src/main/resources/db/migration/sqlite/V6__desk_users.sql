-- People who sign in to the desk, and their sessions. Emails are stored lower-cased and unique;
-- password_hash is a PHC string (Argon2id). A session row holds only the SHA-256 of the cookie's
-- random id, so a copy of the database signs no one in. Times are epoch milliseconds. Twin of
-- the other dialect's migration.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  email         TEXT    NOT NULL UNIQUE,
  display_name  TEXT    NOT NULL,
  role          TEXT    NOT NULL,
  password_hash TEXT    NOT NULL,
  created_at    BIGINT  NOT NULL,
  disabled_at   BIGINT
);

CREATE TABLE desk_sessions (
  id_hash    TEXT    PRIMARY KEY,
  user_id    BIGINT  NOT NULL REFERENCES users (id),
  created_at BIGINT  NOT NULL,
  expires_at BIGINT  NOT NULL
);
CREATE INDEX desk_sessions_by_user ON desk_sessions (user_id);
CREATE INDEX desk_sessions_by_expiry ON desk_sessions (expires_at);
