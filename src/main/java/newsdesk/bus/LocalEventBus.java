package newsdesk.bus;

import java.util.function.Consumer;
import newsdesk.store.Event;
import newsdesk.store.Store;

/**
 * The bus of a single node: hands each event straight to the listeners on the caller's thread,
 * through a {@link Sequencer} that drops repeats and fills any hole from the log.
 */
public final class LocalEventBus implements EventBus {
  private final Listeners listeners = new Listeners();
  private final Sequencer sequencer;

  /** Starts after the store's newest event. Blocks: reads the store once. */
  public LocalEventBus(Store store, BusMetrics metrics) {
    sequencer = new Sequencer(store, Pace.LOCAL, metrics, listeners);
  }

  public LocalEventBus(Store store) {
    this(store, BusMetrics.unexported());
  }

  @Override
  public void publish(Event event) {
    sequencer.offer(event);
  }

  @Override
  public void listen(Consumer<Event> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    sequencer.close();
  }
}
