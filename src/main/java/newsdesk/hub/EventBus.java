package newsdesk.hub;

import java.util.function.Consumer;
import newsdesk.store.Event;

/**
 * Carries committed events to every node's fan-out. The swap point between the in-process bus of
 * one node and a cluster bus. Contract: each listener sees each event once, in sequence order;
 * {@link #publish} never blocks on listeners.
 */
public interface EventBus extends AutoCloseable {

  void publish(Event event);

  void listen(Consumer<Event> listener);

  @Override
  default void close() {}
}
