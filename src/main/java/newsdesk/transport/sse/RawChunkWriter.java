package newsdesk.transport.sse;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerConnection;

/**
 * Writes pre-framed chunks of an open SSE response straight to the Netty channel, entering the
 * pipeline below Vert.x's HTTP encoder. Once the response head has gone out, an event costs one
 * buffer duplicate and one write per socket, with no promise, no lock and no re-encoding.
 *
 * <p>Safe because the stream is only ever appended to: Vert.x wrote the head and the first chunk
 * synchronously on this event loop before the first raw write, the encoder's state (inside a
 * chunked body) is untouched by bytes that pass below it, and Vert.x's own final chunk at the end
 * still goes through it.
 */
final class RawChunkWriter {
  private final ChannelHandlerContext below;

  private RawChunkWriter(ChannelHandlerContext below) {
    this.below = below;
  }

  /** A writer for this HTTP/1.1 response, or null where the pipeline is not the expected one. */
  static RawChunkWriter of(HttpServerRequest request) {
    if (!(request.connection() instanceof HttpServerConnection c)) return null;
    ChannelHandlerContext encoder = c.channelHandlerContext().pipeline().context("httpEncoder");
    return encoder == null ? null : new RawChunkWriter(encoder);
  }

  /** Below the channel's high water mark: the socket is keeping up. */
  boolean writable() {
    return below.channel().isWritable();
  }

  /**
   * Runs {@code task} on this channel's loop a moment from now. Raw writes bypass Vert.x's queue,
   * so its drain callback does not fire for them; a waiting replay polls writability instead
   * (rare: only history sent faster than the client reads it).
   */
  void afterPause(Runnable task) {
    below.executor().schedule(task, 10, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  void write(ByteBuf framedChunk) {
    below.writeAndFlush(framedChunk.duplicate(), below.voidPromise());
  }

  /** Drops the connection now, with whatever is still queued. */
  void abort() {
    below.channel().close();
  }
}
