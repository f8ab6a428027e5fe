-- The server's VAPID key pair (RFC 8292), one per store: every node signs with it, so a push
-- subscription made through any node can be sent by any node. One row at most (one = TRUE),
-- written once by the first node to start (INSERT ... ON CONFLICT DO NOTHING, then read back) and
-- never replaced: every subscription is bound to this public key. Keys are base64url (the
-- uncompressed public point, the private scalar); created_at is epoch milliseconds. Twin of the
-- other dialect's migration.
CREATE TABLE vapid_keys (
  one         BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
  public_key  TEXT    NOT NULL,
  private_key TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL
);
