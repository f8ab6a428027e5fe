package newsdesk.hub;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import newsdesk.store.Event;

/**
 * One event on its way to many subscribers. Each wire format encodes it once, on first use, and
 * every subscriber of that format writes the same bytes.
 */
public final class Delivery {
  private final Event event;
  private final ConcurrentHashMap<Function<Event, ?>, Object> encoded = new ConcurrentHashMap<>(2);

  public Delivery(Event event) {
    this.event = event;
  }

  public Event event() {
    return event;
  }

  /** The event in the encoding {@code encoder} makes; {@code encoder} must be a shared constant. */
  @SuppressWarnings("unchecked")
  public <T> T encoded(Function<Event, T> encoder) {
    return (T) encoded.computeIfAbsent(encoder, e -> e.apply(event));
  }
}
