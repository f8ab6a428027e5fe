package newsdesk.bus;

/** Delays between tries that double from {@code firstMillis} up to {@code maxMillis}. Not thread-safe. */
final class Backoff {
  private final long firstMillis;
  private final long maxMillis;
  private long next;

  Backoff(long firstMillis, long maxMillis) {
    this.firstMillis = firstMillis;
    this.maxMillis = maxMillis;
    this.next = firstMillis;
  }

  long next() {
    long d = next;
    next = Math.min(maxMillis, next * 2);
    return d;
  }

  void reset() {
    next = firstMillis;
  }
}
