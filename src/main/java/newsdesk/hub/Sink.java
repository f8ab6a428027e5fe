package newsdesk.hub;

import java.util.List;

/**
 * Where a subscription writes: one client connection. All methods are called on the connection's
 * own event loop. {@link #send} must not block; a sink whose client stops reading closes itself
 * once its bounded outbound buffer is full.
 */
public interface Sink {

  void send(Delivery delivery);

  /**
   * Sends these in order as {@link #send} would one by one; a sink that can hand them to the
   * socket in one write does (a resuming reader's history: one send instead of one per event).
   */
  default void sendAll(List<Delivery> deliveries) {
    for (Delivery d : deliveries) send(d);
  }

  /** Tells the client that history it asked for is gone, so it should reload. */
  void sendGap();

  /** Writes a keep-alive that the client ignores, so idle proxies keep the connection. */
  void heartbeat();

  boolean isOpen();

  boolean writable();

  /** Runs {@code task} once the outbound buffer has drained (or at once if writable). */
  void whenWritable(Runnable task);

  void close();
}
