package newsdesk.store;

import java.time.Instant;

/**
 * How verifying one {@link WebSubIntent} ended, at {@code at}: {@code confirmed} when the subscriber
 * echoed the challenge (the intent then takes effect, a lease counting from {@code at}); otherwise
 * the intent is dropped and the subscription left as it was.
 */
public record WebSubVerification(WebSubIntent intent, boolean confirmed, Instant at) {}
