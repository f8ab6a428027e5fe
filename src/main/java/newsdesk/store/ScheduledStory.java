package newsdesk.store;

import java.time.Instant;

/** A story due to publish at {@code at}, as {@link Store#dueScheduled} lists it. */
public record ScheduledStory(String slug, Instant at) {}
