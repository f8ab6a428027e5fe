package newsdesk.bus;

import java.util.function.Consumer;
import newsdesk.store.Event;

/**
 * Carries committed events to every node's fan-out. The swap point between the in-process bus of
 * one node and a cluster bus.
 *
 * <p>Contract: each listener sees each event committed after the bus started exactly once, in
 * sequence order, with no hole, whichever node committed it; even when the carrier delivers out of
 * order, twice, or not at all (a {@link Sequencer} fills holes from the store's log, the truth).
 * The caller must publish only events that {@code Store.write} returned (committed), and in
 * sequence order per node. {@link #publish} never blocks on the carrier: listeners of this node may
 * run on the caller's thread, and the carrier is written asynchronously.
 */
public interface EventBus extends AutoCloseable {

  void publish(Event event);

  void listen(Consumer<Event> listener);

  @Override
  default void close() {}
}
