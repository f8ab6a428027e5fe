package newsdesk.transport.websocket;

import newsdesk.hub.Delivery;
import newsdesk.hub.Sink;

/**
 * One subscription of a WebSocket as a hub {@link Sink}. Every subscription on a socket writes into
 * the socket's one bounded outbound buffer through its {@link WsConnection}, which cuts the socket
 * off when a reader falls behind.
 */
final class WsSink implements Sink {
  private final WsConnection connection;
  private final String id;
  private boolean cancelled;

  WsSink(WsConnection connection, String id) {
    this.connection = connection;
    this.id = id;
  }

  @Override
  public void send(Delivery d) {
    if (isOpen()) connection.write(d.encoded(WsEncoder.INSTANCE));
  }

  @Override
  public void sendGap() {
    if (isOpen()) connection.write(WsProtocol.gap(id));
  }

  /** Nothing: the socket has its own heartbeat, which also reaches sockets with no subscription. */
  @Override
  public void heartbeat() {}

  @Override
  public boolean isOpen() {
    return !cancelled && connection.isOpen();
  }

  @Override
  public boolean writable() {
    return isOpen() && connection.writable();
  }

  @Override
  public void whenWritable(Runnable task) {
    if (isOpen()) connection.whenWritable(() -> {
      if (isOpen()) task.run();
    });
  }

  /**
   * The hub gives up on this subscription (its pending queue overflowed, or its history could not
   * be read): the client must resume, and a closed socket is what every client already handles.
   */
  @Override
  public void close() {
    connection.close(WsConnection.TRY_AGAIN_LATER, "fell behind; reconnect and resume from your last event id");
  }

  /** Unsubscribed: stops a replay still under way; the socket stays open. */
  void cancel() {
    cancelled = true;
  }
}
