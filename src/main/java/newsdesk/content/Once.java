package newsdesk.content;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import newsdesk.store.StoredAnswer;
import newsdesk.store.WriteTx;

/**
 * A create made at most once per client key (the {@code Idempotency-Key} header): its first answer
 * is stored in the create's own transaction, so it is stored if and only if the create committed,
 * whichever node ran it; the same request sent again gets that answer and changes nothing. A
 * client whose answer was lost (a node died, the commit's reply never came) sends it again
 * safely. See docs/decisions/0134-idempotency-keys.md.
 *
 * @param scope whose keys these are (the API token's id)
 * @param fingerprint identifies the request (method, path, body): the same key on another request
 *     is refused, not answered with the first request's answer
 */
public record Once(String scope, String key, String fingerprint) {
  /** No key: the create runs every time it is asked. */
  public static final Once NONE = new Once(null, null, null);
  /** How long a first answer is kept: a client retries within minutes, a day covers any outage. */
  public static final Duration KEPT = Duration.ofHours(24);

  /**
   * The write that makes {@code change} at most once and answers with {@code answer}: the stored
   * answer if this key has one for the same request, a refusal if it has one for another.
   */
  public <T> Function<WriteTx, Answer> around(Function<WriteTx, T> change, Function<T, Answer> answer, Instant now) {
    if (key == null) return tx -> answer.apply(change.apply(tx));
    return tx -> {
      var stored = tx.storedAnswer(scope, key, now);
      if (stored.isPresent()) {
        StoredAnswer first = stored.get();
        if (!first.fingerprint().equals(fingerprint)) {
          throw ContentException.keyReused("this Idempotency-Key was used on a different request (another path"
              + " or body) in the last " + KEPT.toHours() + " hours; use a new key for a new request");
        }
        return new Answer(first.status(), first.location(), first.body());
      }
      Answer a = answer.apply(change.apply(tx));
      tx.storeAnswer(new StoredAnswer(scope, key, fingerprint, a.status(), a.location(), a.body(), now.plus(KEPT)));
      return a;
    };
  }
}
