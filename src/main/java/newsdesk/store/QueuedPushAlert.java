package newsdesk.store;

/** An alert as queued: its id and how many deliveries it got (one per matching subscription). */
public record QueuedPushAlert(long alertId, int deliveries) {}
