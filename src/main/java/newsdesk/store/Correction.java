package newsdesk.store;

import java.time.Instant;

public record Correction(long id, String text, Instant createdAt) {}
