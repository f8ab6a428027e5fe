package newsdesk.transport.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.Socket;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
  // The socket under an epoll channel, sent to directly while nothing is queued; null otherwise.
  private final Socket socket;

  private DetachedStream(Channel channel) {
    this.channel = channel;
    this.socket = channel instanceof EpollSocketChannel epoll && epoll.fd() instanceof Socket s ? s : null;
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

  /**
   * A fan-out write on the channel's loop. With nothing queued on an epoll channel the chunk goes
   * straight to the socket (one send, no duplicate, no outbound-buffer entry, no pipeline): that is
   * nearly every delivery. Whatever the socket does not take, or any write while bytes are queued,
   * goes through the channel's unsafe behind them, so order holds. Off the loop, the pipeline.
   * See docs/decisions/0019-fan-out-writes-to-the-socket.md.
   */
  @Override
  public void write(Buffer sse, ByteBuf chunk) {
    if (!channel.eventLoop().inEventLoop()) {
      channel.writeAndFlush(chunk.duplicate(), channel.voidPromise());
      return;
    }
    int sent = 0;
    if (socket != null && chunk.hasMemoryAddress() && idle()) {
      try {
        sent = socket.sendAddress(chunk.memoryAddress(), chunk.readerIndex(), chunk.writerIndex());
      } catch (IOException e) {
        channel.close(); // reset or gone: the same end a failed queued write would have
        return;
      }
      if (sent == chunk.readableBytes()) return;
    }
    Channel.Unsafe unsafe = channel.unsafe();
    ByteBuf rest = chunk.duplicate();
    unsafe.write(rest.skipBytes(sent), channel.voidPromise());
    unsafe.flush();
  }

  /**
   * Open and nothing waiting in the outbound buffer: a direct send cannot overtake anything. The
   * descriptor is closed only on this loop, so it cannot be closed (and its number reused) between
   * this check and the send.
   */
  private boolean idle() {
    if (!socket.isOpen()) return false;
    var out = channel.unsafe().outboundBuffer();
    return out != null && out.totalPendingWriteBytes() == 0;
  }

  @Override
  public void write(Delivery d) {
    write(null, d.encoded(SseChunks.INSTANCE));
  }

  /**
   * History for a resuming reader: every chunk queued behind whatever is queued already, then one
   * flush, which the epoll transport makes a single {@code writev}.
   */
  @Override
  public void writeAll(List<Delivery> ds) {
    if (ds.size() == 1 || !channel.eventLoop().inEventLoop()) {
      for (Delivery d : ds) write(d);
      return;
    }
    Channel.Unsafe unsafe = channel.unsafe();
    for (Delivery d : ds) unsafe.write(d.encoded(SseChunks.INSTANCE).duplicate(), channel.voidPromise());
    unsafe.flush();
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
