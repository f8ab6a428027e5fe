package newsdesk.admission;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What was worked out for a token string that verified, kept so the token's next use need not work
 * it out again (a publisher sends the same token with every update). Only verified tokens go in, so
 * junk cannot fill it; bounded crudely: a full memo is emptied.
 */
public final class TokenMemo<V> {
  static final int LIMIT = 4096;
  private final ConcurrentHashMap<String, V> known = new ConcurrentHashMap<>();

  /** What was kept for {@code token}, or null. */
  public V get(String token) {
    return known.get(token);
  }

  /** Keeps {@code value} for {@code token}, which has just verified. */
  public void put(String token, V value) {
    if (known.size() >= LIMIT) known.clear();
    known.put(token, value);
  }
}
