-- Event sequence numbers come from this one row, updated inside the appending transaction: its row
-- lock is held to commit, so appends of every node run one after another, in commit order, and a
-- rollback takes its number back. An identity sequence does neither (docs/decisions/0100).
CREATE TABLE event_seq (
  one  BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
  last BIGINT  NOT NULL
);
INSERT INTO event_seq (last)
  SELECT GREATEST(COALESCE(MAX(seq), 0), (SELECT value FROM hub_state WHERE name = 'pruned_through')) FROM events;
-- The counter alone numbers events: an insert that forgets seq fails instead of taking an identity number.
ALTER TABLE events ALTER COLUMN seq DROP IDENTITY;

-- A claim is leased: the node that claimed (claimed_by) and until when no other node may take the
-- delivery over (lease_until, epoch milliseconds). Deliveries left in flight before leases have no
-- owner; their lease has run out, so whichever node looks first sends them again.
ALTER TABLE push_deliveries ADD COLUMN claimed_by TEXT;
ALTER TABLE push_deliveries ADD COLUMN lease_until BIGINT;
UPDATE push_deliveries SET lease_until = 0 WHERE state = 'in_flight';
CREATE INDEX push_deliveries_leases ON push_deliveries (state, lease_until);
