-- Who has what open right now, shared between nodes (decision 0164). Each node holds a lease in
-- presence_nodes and renews it every few seconds; its rows in presence count only while the lease
-- runs, and any node deletes a lapsed node's rows. A row is one topic's open subscriptions on one
-- node (member '') or one named member there (an editor with the story open). Times are epoch
-- milliseconds. Twin of the other dialect's migration.
CREATE TABLE presence_nodes (
  node       TEXT   PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX presence_nodes_by_expiry ON presence_nodes (expires_at);

CREATE TABLE presence (
  node   TEXT   NOT NULL,
  topic  TEXT   NOT NULL,
  member TEXT   NOT NULL,
  count  BIGINT NOT NULL,
  PRIMARY KEY (node, topic, member)
);
