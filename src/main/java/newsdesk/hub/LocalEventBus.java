package newsdesk.hub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import newsdesk.store.Event;

/** The bus of a single node: hands each event straight to the listeners on the caller's thread. */
public final class LocalEventBus implements EventBus {
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public void publish(Event event) {
    for (var l : listeners) l.accept(event);
  }

  @Override
  public void listen(Consumer<Event> listener) {
    listeners.add(listener);
  }
}
