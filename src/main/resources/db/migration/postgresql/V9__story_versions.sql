-- Every saved version of a story (issue 15, docs/decisions/0151-story-versions.md): its content
-- then, who saved it (a name, kept as it was: people and tokens come and go), what they did
-- (created, edited, submitted, published, retracted, corrected, restored) and which fields that
-- changed (a JSON array). at is the story's updated_at then (epoch milliseconds), which is also
-- the version's number and the ETag the story had; it rises strictly per story. Written in the
-- change's own transaction. Stories saved before this migration get their content now as a first
-- version. Twin of the other dialect's migration.
CREATE TABLE story_versions (
  story_id  BIGINT NOT NULL REFERENCES stories (id),
  at        BIGINT NOT NULL,
  headline  TEXT    NOT NULL,
  summary   TEXT    NOT NULL,
  body      TEXT    NOT NULL,
  section   TEXT    NOT NULL,
  tags      TEXT    NOT NULL,
  status    TEXT    NOT NULL,
  by_name   TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  changed   TEXT    NOT NULL,
  PRIMARY KEY (story_id, at)
);
INSERT INTO story_versions (story_id, at, headline, summary, body, section, tags, status, by_name, action, changed)
  SELECT id, updated_at, headline, summary, body, section, tags, status, '', 'imported', '[]' FROM stories;
