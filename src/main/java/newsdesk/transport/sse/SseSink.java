package newsdesk.transport.sse;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerConnection;
import java.nio.charset.StandardCharsets;
import newsdesk.hub.Delivery;
import newsdesk.hub.Sink;

/**
 * One SSE response as a hub {@link Sink}. The outbound buffer is bounded by the channel's write
 * water mark: when an event arrives while the buffer is still full, the reader has fallen behind
 * and the connection is closed; its EventSource reconnects with Last-Event-ID and loses nothing.
 */
final class SseSink implements Sink {
  private static final String GAP_EVENT = SseEncoder.encode(null, "gap", null,
      "{\"reason\":\"the history you asked for is gone; reload to catch up\"}");
  private static final Buffer GAP = Buffer.buffer(GAP_EVENT);
  private static final ByteBuf GAP_CHUNK = SseChunks.frame(GAP_EVENT);
  private static final Buffer HEARTBEAT = Buffer.buffer(":\n\n".getBytes(StandardCharsets.US_ASCII));
  private static final ByteBuf HEARTBEAT_CHUNK = SseChunks.frame(":\n\n");

  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final Runnable onOverflow;
  private final RawChunkWriter raw; // null: write through Vert.x (not the usual HTTP/1.1 pipeline)
  private Runnable onClosed = () -> {};
  private boolean open = true;

  SseSink(HttpServerRequest request, Runnable onOverflow) {
    this.request = request;
    this.response = request.response();
    this.onOverflow = onOverflow;
    this.raw = RawChunkWriter.of(request);
    request.connection().closeHandler(v -> released());
  }

  /** Runs once, when this stream closes for whatever reason. */
  void onClosed(Runnable task) {
    this.onClosed = task;
  }

  @Override
  public void send(Delivery d) {
    if (raw != null) writeRaw(d.encoded(SseChunks.INSTANCE));
    else write(d.encoded(SseEncoder.INSTANCE));
  }

  @Override
  public void sendGap() {
    if (raw != null) writeRaw(GAP_CHUNK);
    else write(GAP);
  }

  @Override
  public void heartbeat() {
    if (raw != null) writeRaw(HEARTBEAT_CHUNK);
    else write(HEARTBEAT);
  }

  private void writeRaw(ByteBuf chunk) {
    if (!open) return;
    if (!raw.writable()) {
      onOverflow.run();
      abort();
      return;
    }
    raw.write(chunk);
  }

  /** Tells the client how soon to reconnect, then ends the stream (graceful shutdown). */
  void closeWithRetry(long retryMillis) {
    if (!open) return;
    response.write("retry: " + retryMillis + "\n\n");
    close();
  }

  private void write(Buffer b) {
    if (!open) return;
    try {
      if (response.writeQueueFull()) {
        onOverflow.run();
        abort();
        return;
      }
      response.write(b);
    } catch (IllegalStateException closedUnderUs) {
      // Vert.x marks a response closed before our close handler runs; it is gone either way.
      released();
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean writable() {
    if (!open) return false;
    return raw != null ? raw.writable() : !response.writeQueueFull();
  }

  @Override
  public void whenWritable(Runnable task) {
    if (writable()) {
      task.run();
    } else if (open && raw != null) {
      raw.afterPause(() -> whenWritable(task));
    } else if (open) {
      response.drainHandler(v -> {
        response.drainHandler(null);
        if (open) task.run();
      });
    }
  }

  @Override
  public void close() {
    if (!open) return;
    released();
    // Ending the chunked body lets the client see a clean end; closing the connection frees it
    // at once instead of leaving it to keep-alive.
    response.end();
    request.connection().close();
  }

  /**
   * Closes the socket now, dropping what is queued. Vert.x's own close waits for queued writes to
   * flush, which a reader that has stopped reading never lets happen; so this goes to the Netty
   * channel underneath.
   */
  private void abort() {
    released();
    if (request.connection() instanceof HttpServerConnection c) {
      c.channelHandlerContext().channel().close();
    } else {
      request.connection().close();
    }
  }

  /** The client can no longer be written to: stop delivery and free the subscription now. */
  private void released() {
    if (onClosed == null) return;
    open = false;
    Runnable task = onClosed;
    onClosed = null;
    task.run();
  }
}
