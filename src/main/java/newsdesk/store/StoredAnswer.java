package newsdesk.store;

import java.time.Instant;

/**
 * The first answer to a create sent with an idempotency key: what to send again, unchanged, when
 * the same request comes back before {@code expiresAt}.
 *
 * @param scope whose key it is (the API token's id): keys are chosen by clients, one space each
 * @param fingerprint identifies the request (method, path, body); the same key with another
 *     fingerprint is a client's mistake, not a retry
 * @param location the {@code Location} header of the answer, or null
 */
public record StoredAnswer(String scope, String key, String fingerprint, int status, String location, String body,
    Instant expiresAt) {}
