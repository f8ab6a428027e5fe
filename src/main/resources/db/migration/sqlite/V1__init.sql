-- Times are epoch milliseconds; lists are JSON arrays. The PostgreSQL twin of this file keeps the
-- same tables and columns so one SqlStore serves both.
CREATE TABLE stories (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  slug         TEXT    NOT NULL UNIQUE,
  kind         TEXT    NOT NULL,
  headline     TEXT    NOT NULL,
  summary      TEXT    NOT NULL,
  body         TEXT    NOT NULL,
  body_html    TEXT    NOT NULL,
  section      TEXT    NOT NULL,
  tags         TEXT    NOT NULL,
  authors      TEXT    NOT NULL,
  status       TEXT    NOT NULL,
  retraction   TEXT,
  created_at   BIGINT  NOT NULL,
  published_at BIGINT,
  updated_at   BIGINT  NOT NULL
);
CREATE INDEX stories_by_section ON stories (section, status, id);
CREATE INDEX stories_by_published ON stories (status, published_at);

CREATE TABLE corrections (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  story_id   BIGINT  NOT NULL REFERENCES stories (id),
  text       TEXT    NOT NULL,
  created_at BIGINT  NOT NULL
);
CREATE INDEX corrections_by_story ON corrections (story_id, id);

CREATE TABLE entries (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  story_id   BIGINT  NOT NULL REFERENCES stories (id),
  body       TEXT    NOT NULL,
  body_html  TEXT    NOT NULL,
  author     TEXT    NOT NULL,
  created_at BIGINT  NOT NULL,
  edited_at  BIGINT,
  key_event  BOOLEAN NOT NULL,
  pinned     BOOLEAN NOT NULL,
  deleted    BOOLEAN NOT NULL
);
CREATE INDEX entries_by_story ON entries (story_id, id);

-- AUTOINCREMENT: a sequence number is never handed out twice, even after the newest is pruned.
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id   TEXT UNIQUE,
  type       TEXT    NOT NULL,
  topics     TEXT    NOT NULL,
  data       TEXT    NOT NULL,
  private    BOOLEAN NOT NULL,
  created_at BIGINT  NOT NULL
);

CREATE TABLE hub_state (
  name  TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO hub_state (name, value) VALUES ('pruned_through', 0);

CREATE TABLE api_tokens (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT    NOT NULL,
  role       TEXT    NOT NULL,
  token_hash TEXT    NOT NULL UNIQUE,
  created_at BIGINT  NOT NULL,
  revoked_at BIGINT
);
