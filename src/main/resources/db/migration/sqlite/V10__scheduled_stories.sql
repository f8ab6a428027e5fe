-- A story scheduled to publish: status 'SCHEDULED' and scheduled_at (epoch milliseconds), the time
-- it is due. NULL for every other status. The publication is claimed by a conditional UPDATE on
-- (status, scheduled_at), so one node publishes it however many are due at once (decision 0155).
-- Twin of the other dialect's migration.
ALTER TABLE stories ADD COLUMN scheduled_at BIGINT;
CREATE INDEX stories_scheduled ON stories (status, scheduled_at);
