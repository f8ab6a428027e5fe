package newsdesk.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import newsdesk.store.Event;

/** A bus's listeners, handed each event in turn on the delivering thread. */
final class Listeners implements Consumer<Event> {
  private final List<Consumer<Event>> all = new CopyOnWriteArrayList<>();

  void add(Consumer<Event> listener) {
    all.add(listener);
  }

  @Override
  public void accept(Event event) {
    for (var l : all) l.accept(event);
  }
}
