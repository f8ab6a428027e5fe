package newsdesk.transport.sse;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.netty.channel.Channel;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import newsdesk.http.VertxInternals;
import newsdesk.hub.Delivery;

/** An SSE response written through Vert.x: the path for connections that cannot be detached. */
final class VertxStream implements SseStream {
  private final HttpServerRequest request;
  private final HttpServerResponse response;

  VertxStream(HttpServerRequest request) {
    this.request = request;
    this.response = request.response();
  }

  @Override
  public boolean writable() {
    try {
      return !response.writeQueueFull();
    } catch (IllegalStateException closed) {
      return false;
    }
  }

  @Override
  public void write(Buffer sse, ByteBuf chunk) {
    try {
      response.write(sse);
    } catch (IllegalStateException closedUnderUs) {
      // Vert.x marks a response closed before its close handler runs; the close handler follows.
    }
  }

  @Override
  public void write(Delivery d) {
    write(d.encoded(SseEncoder.INSTANCE), null);
  }

  @Override
  public void whenWritable(Runnable task) {
    response.drainHandler(v -> {
      response.drainHandler(null);
      task.run();
    });
  }

  @Override
  public void end() {
    try {
      response.end();
    } catch (IllegalStateException alreadyClosed) {
      // nothing left to end
    }
    request.connection().close();
  }

  /** Vert.x's own close waits for queued writes to flush, which a stalled reader never allows. */
  @Override
  public void abort() {
    Channel channel = VertxInternals.channel(request.connection());
    if (channel != null) channel.close();
    else request.connection().close();
  }

  @Override
  public void onClose(Runnable task) {
    request.connection().closeHandler(v -> task.run());
  }
}
