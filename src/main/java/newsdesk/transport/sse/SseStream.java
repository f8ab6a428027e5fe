package newsdesk.transport.sse;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import newsdesk.hub.Delivery;

/** The wire under an {@link SseSink}: where its bytes go and how the connection ends. */
interface SseStream {

  /** Below the buffer's bound: the client is keeping up. */
  boolean writable();

  /** Writes one event, given both as SSE bytes and as a ready HTTP/1.1 chunk of them. */
  void write(Buffer sse, ByteBuf chunk);

  /**
   * Writes one event of the fan-out in the one encoding this stream sends: asking a delivery for
   * a single encoding keeps its memo of the last one asked for a hit on every other subscriber.
   */
  void write(Delivery d);

  /** Writes these events in order, in one send to the socket where the stream can. */
  default void writeAll(List<Delivery> ds) {
    for (Delivery d : ds) write(d);
  }

  /** Runs {@code task} on the connection's loop once it may be writable again. */
  void whenWritable(Runnable task);

  /** Ends the body cleanly and closes the connection once that has gone out. */
  void end();

  /** Closes the connection now, dropping whatever is queued. */
  void abort();

  /** Runs {@code task} on the connection's loop when the connection closes, for whatever reason. */
  void onClose(Runnable task);
}
