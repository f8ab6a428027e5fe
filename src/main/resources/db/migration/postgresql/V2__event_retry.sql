-- Mercure publishers may set the SSE reconnection hint of an update.
ALTER TABLE events ADD COLUMN retry BIGINT;
