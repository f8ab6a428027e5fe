package newsdesk.transport.sse;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import newsdesk.hub.Delivery;
import newsdesk.hub.Sink;

/**
 * One SSE response as a hub {@link Sink}. The outbound buffer is bounded by the channel's write
 * water mark: when an event arrives while the buffer is still full, the reader has fallen behind
 * and the connection is dropped; its EventSource reconnects with Last-Event-ID and loses nothing.
 */
final class SseSink implements Sink {
  private static final String GAP_EVENT = SseEncoder.encode(null, "gap", null,
      "{\"reason\":\"the history you asked for is gone; reload to catch up\"}");
  private static final Buffer GAP = Buffer.buffer(GAP_EVENT);
  private static final ByteBuf GAP_CHUNK = SseChunks.frame(GAP_EVENT);
  private static final Buffer HEARTBEAT = Buffer.buffer(":\n\n");
  private static final ByteBuf HEARTBEAT_CHUNK = SseChunks.frame(":\n\n");

  private final SseStream stream;
  private final Runnable onOverflow;
  private Runnable onClosed;
  private boolean open = true;
  private boolean releasedEarly;
  private boolean spokeSinceBeat;

  /** Call on the connection's loop once the response head and first chunk are written. */
  SseSink(HttpServerRequest request, Runnable onOverflow) {
    SseStream detached = DetachedStream.detach(request);
    this.stream = detached != null ? detached : new VertxStream(request);
    this.onOverflow = onOverflow;
    stream.onClose(this::released);
  }

  /** Runs once, when this stream closes for whatever reason (at once if it already has). */
  void onClosed(Runnable task) {
    if (releasedEarly) task.run();
    else this.onClosed = task;
  }

  @Override
  public void send(Delivery d) {
    if (!admit()) return;
    stream.write(d);
    spokeSinceBeat = true;
  }

  @Override
  public void sendAll(List<Delivery> ds) {
    if (!admit()) return;
    stream.writeAll(ds);
    spokeSinceBeat = true;
  }

  @Override
  public void sendGap() {
    if (admit()) stream.write(GAP, GAP_CHUNK);
    spokeSinceBeat = true;
  }

  /**
   * Only a stream that stayed silent since the last beat gets the comment line: an event is as good
   * a keep-alive, and while news is flowing this spares a write per reader per period. The
   * longest silence is then under two periods.
   */
  @Override
  public void heartbeat() {
    if (spokeSinceBeat) {
      spokeSinceBeat = false;
      return;
    }
    if (admit()) stream.write(HEARTBEAT, HEARTBEAT_CHUNK);
  }

  /** Tells the client how soon to reconnect, then ends the stream (graceful shutdown). */
  void closeWithRetry(long retryMillis) {
    if (!open) return;
    String retry = "retry: " + retryMillis + "\n\n";
    stream.write(Buffer.buffer(retry), SseChunks.frame(retry));
    close();
  }

  /** Whether a write may go out now; a reader still behind its full buffer is dropped instead. */
  private boolean admit() {
    if (!open) return false;
    if (stream.writable()) return true;
    onOverflow.run();
    released();
    stream.abort();
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean writable() {
    return open && stream.writable();
  }

  @Override
  public void whenWritable(Runnable task) {
    if (writable()) task.run();
    else if (open) stream.whenWritable(() -> whenWritable(task));
  }

  @Override
  public void close() {
    if (!open) return;
    released();
    stream.end();
  }

  /** The client can no longer be written to: stop delivery and free the subscription now. */
  private void released() {
    if (!open) return;
    open = false;
    Runnable task = onClosed;
    onClosed = null;
    if (task != null) task.run();
    else releasedEarly = true; // the client left before the subscription was wired up
  }
}
