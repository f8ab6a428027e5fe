package newsdesk.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.http.impl.websocket.WebSocketFrameImpl;
import io.vertx.core.http.impl.websocket.WebSocketImplBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.impl.ShutdownEvent;

/**
 * The only code that touches Vert.x's internal classes, each use for something the public API
 * cannot do at the cost the fan-out needs. Internal classes change between Vert.x versions without
 * notice; {@code VertxInternalsTest} checks every method here against a real server and names what
 * broke, so a Vert.x upgrade that changes one fails there rather than quietly falling back.
 */
public final class VertxInternals {
  /** The name Vert.x gives the HTTP/1.x encoder in a connection's pipeline. */
  static final String HTTP1_ENCODER = "httpEncoder";
  /** The name of Vert.x's own handler, last in an HTTP/1.x connection's pipeline. */
  static final String VERTX_HANDLER = "handler";

  private VertxInternals() {}

  /**
   * Runs {@code task} once on each of {@code vertx}'s event-loop threads and on its acceptor
   * thread (to set a thread's scheduling policy from inside it).
   */
  public static void onEveryLoopThread(Vertx vertx, Runnable task) {
    var internal = (VertxInternal) vertx;
    for (io.netty.util.concurrent.EventExecutor loop : internal.eventLoopGroup()) loop.execute(task);
    for (io.netty.util.concurrent.EventExecutor loop : internal.acceptorEventLoopGroup()) loop.execute(task);
  }

  /**
   * The event loop's own context under {@code context}: Vert.x hands each request a duplicate of
   * it, so this is what connections on one loop have in common.
   */
  public static Context eventLoopContext(Context context) {
    return ((ContextInternal) context).unwrap();
  }

  /** The Netty channel under a server connection; null where Vert.x's own class is not underneath. */
  public static Channel channel(HttpConnection connection) {
    return connection instanceof HttpServerConnection c ? c.channelHandlerContext().channel() : null;
  }

  /**
   * The Netty channel under an HTTP/1.x server connection, whose pipeline may be taken over once a
   * response's head is written; null for HTTP/2 or anything else.
   */
  public static Channel http1Channel(HttpConnection connection) {
    Channel channel = channel(connection);
    return channel != null && channel.pipeline().get(HTTP1_ENCODER) != null ? channel : null;
  }

  /**
   * Adds {@code handler} to the pipeline under an HTTP/1.x connection or a WebSocket ({@code
   * channel}, from {@link #http1Channel} or {@link #channel(ServerWebSocket)}) just ahead of
   * Vert.x's own handler, behind the codec, so it sees decoded messages coming in and message
   * objects going out; false (nothing added) where the channel is null or Vert.x's handler absent.
   */
  public static boolean addBeforeVertx(Channel channel, String name, ChannelHandler handler) {
    if (channel == null || channel.pipeline().get(VERTX_HANDLER) == null) return false;
    channel.pipeline().addBefore(VERTX_HANDLER, name, handler);
    return true;
  }

  /** The Netty channel under a server WebSocket; null where Vert.x's own class is not underneath. */
  public static Channel channel(ServerWebSocket ws) {
    return ws instanceof WebSocketImplBase<?> impl ? impl.channelHandlerContext().channel() : null;
  }

  /**
   * Keeps a server's shutdown from closing the WebSocket upgraded from {@code connection}: when the
   * server stops listening, Vert.x closes every WebSocket at once with a code of its own (1000), and
   * the application would lose the chance to close it with 1012 (service restart) a moment later.
   * The server still closes the channel when its grace period ends. (The connection, not the
   * socket: vertx-web hands out a wrapper of the socket with nothing under it to reach.)
   */
  public static void keepThroughServerShutdown(HttpConnection connection) {
    Channel channel = channel(connection);
    if (channel != null) channel.pipeline().addFirst(IgnoreServerShutdown.INSTANCE);
  }

  /** Swallows the event by which a server tells its connections that it is shutting down. */
  @ChannelHandler.Sharable
  private static final class IgnoreServerShutdown extends ChannelInboundHandlerAdapter {
    static final IgnoreServerShutdown INSTANCE = new IgnoreServerShutdown();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (!isServerShutdown(event)) ctx.fireUserEventTriggered(event);
    }
  }

  private static boolean isServerShutdown(Object event) {
    return event instanceof ShutdownEvent;
  }

  /**
   * A final text frame over {@code text}'s own bytes, so one encoded message goes to every socket:
   * the public API would build a String, and then its bytes, per socket.
   */
  public static WebSocketFrame textFrame(Buffer text) {
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) text).getByteBuf(), true);
  }

  /**
   * Whether {@code failure}, reported on a server WebSocket, is Vert.x refusing a message over
   * its size limit: it says so only in an IllegalStateException's message.
   */
  public static boolean isMessageTooLarge(Throwable failure) {
    return failure instanceof IllegalStateException e && e.getMessage() != null
        && e.getMessage().contains("max message size");
  }

  /** The simple class name of the I/O transport under {@code vertx} (EpollTransport, …), or null. */
  public static String transportName(Vertx vertx) {
    return vertx instanceof VertxInternal v ? v.transport().getClass().getSimpleName() : null;
  }
}
