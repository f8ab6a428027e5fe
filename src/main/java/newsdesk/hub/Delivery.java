package newsdesk.hub;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import newsdesk.store.Event;

/**
 * One event on its way to many subscribers. Each wire format encodes it once, on first use, and
 * every subscriber of that format writes the same bytes.
 */
public final class Delivery {
  /**
   * The most events, and about the most characters of their data, that one write to a client
   * carries (history, or live events queued together): the client's buffer is checked before each
   * write, so a write overshoots the buffer's bound by little.
   */
  static final int MOST_PER_WRITE = 32;
  static final int MOST_CHARS_PER_WRITE = 16 << 10;

  /** Whether a write holding {@code events} events with {@code chars} characters of data takes one more. */
  static boolean roomForOneMore(int events, long chars) {
    return events < MOST_PER_WRITE && chars < MOST_CHARS_PER_WRITE;
  }
  private final Event event;
  private final ConcurrentHashMap<Function<Event, ?>, Object> encoded = new ConcurrentHashMap<>(2);
  // The encoding most recently asked for, read without a map lookup: each of thousands of
  // subscribers of one transport asks for the same one in a row.
  private volatile Encoded<?> last;

  private record Encoded<T>(Function<Event, T> encoder, T value) {}

  public Delivery(Event event) {
    this.event = event;
  }

  public Event event() {
    return event;
  }

  /** The event in the encoding {@code encoder} makes; {@code encoder} must be a shared constant. */
  @SuppressWarnings("unchecked")
  public <T> T encoded(Function<Event, T> encoder) {
    Encoded<?> l = last;
    if (l != null && l.encoder() == encoder) return (T) l.value();
    T value = (T) encoded.computeIfAbsent(encoder, e -> e.apply(event));
    last = new Encoded<>(encoder, value);
    return value;
  }
}
