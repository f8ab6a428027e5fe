-- A claim is leased: the node that claimed (claimed_by) and until when no other node may take the
-- delivery over (lease_until, epoch milliseconds). Deliveries an older version left in flight have
-- no owner; their lease has run out, so whichever node looks first sends them again.
ALTER TABLE push_deliveries ADD COLUMN claimed_by TEXT;
ALTER TABLE push_deliveries ADD COLUMN lease_until BIGINT;
UPDATE push_deliveries SET lease_until = 0 WHERE state = 'in_flight';
CREATE INDEX push_deliveries_leases ON push_deliveries (state, lease_until);
