package newsdesk.transport.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import newsdesk.http.VertxInternals;
import newsdesk.hub.Delivery;

/**
 * An SSE response taken off Vert.x once its head is out: every handler is removed from the
 * channel's pipeline, so Vert.x's connection, request, response, routing context and their queues
 * become garbage, and the stream lives on as a bare Netty channel that is written pre-framed
 * chunks. This is what makes a subscriber cost a couple of kilobytes rather than a dozen.
 *
 * <p>Safe because the stream is only ever appended to: Vert.x wrote the head and the first chunk
 * on this channel's loop before the detach, the detach flushes them, and after it nothing but
 * whole chunks and the final {@code 0\r\n\r\n} is written. The server's channel group still holds
 * the channel, so a server shutdown still closes it. See docs/decisions/0006-detached-sse-streams.md.
 */
final class DetachedStream implements SseStream {
  private static final ByteBuf LAST_CHUNK =
      Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

  private final Channel channel;

  private DetachedStream(Channel channel) {
    this.channel = channel;
  }

  /**
   * Detaches the response's connection from Vert.x; null (and nothing changed) where it is not an
   * HTTP/1.1 connection. Call on the connection's loop, after the response head was written.
   */
  static DetachedStream detach(HttpServerRequest request) {
    Channel channel = VertxInternals.http1Channel(request.connection());
    if (channel == null) return null;
    var pipeline = channel.pipeline();
    for (String name : new ArrayList<>(pipeline.toMap().keySet())) pipeline.remove(name);
    pipeline.addLast(DropInbound.INSTANCE);
    channel.flush();
    return new DetachedStream(channel);
  }

  @Override
  public boolean writable() {
    return channel.isWritable();
  }

  @Override
  public void write(Buffer sse, ByteBuf chunk) {
    channel.writeAndFlush(chunk.duplicate(), channel.voidPromise());
  }

  @Override
  public void write(Delivery d) {
    write(null, d.encoded(SseChunks.INSTANCE));
  }

  /**
   * Nothing tells a bare channel's owner that its buffer drained except a handler per channel;
   * a waiting replay polls instead (rare: history sent faster than the client reads it).
   */
  @Override
  public void whenWritable(Runnable task) {
    channel.eventLoop().schedule(task, 10, TimeUnit.MILLISECONDS);
  }

  @Override
  public void end() {
    channel.writeAndFlush(LAST_CHUNK.duplicate()).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void abort() {
    channel.close();
  }

  @Override
  public void onClose(Runnable task) {
    channel.closeFuture().addListener(f -> task.run());
  }

  /** A subscriber has nothing more to say; whatever it sends is dropped, errors close it. */
  @ChannelHandler.Sharable
  private static final class DropInbound extends ChannelInboundHandlerAdapter {
    static final DropInbound INSTANCE = new DropInbound();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
