package newsdesk.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A problem written straight to a connection's HTTP encoder, past Vert.x, for requests Vert.x never
 * saw; then the connection closes. The close lingers: the output is shut first and the client's
 * unread bytes are dropped for a moment, since closing on unread input sends a reset that can
 * destroy the answer before the client reads it.
 */
final class ClosingAnswer {
  /** How long a refused client may go on sending before the connection is closed outright. */
  static final long LINGER_MILLIS = 2_000;

  private ClosingAnswer() {}

  /**
   * Writes {@code problem} from {@code ctx} (a handler behind the HTTP encoder, with no response in
   * progress) and closes the connection. The caller drops whatever the client sends meanwhile.
   */
  static void send(ChannelHandlerContext ctx, Problem problem) {
    byte[] body = problem.toJson(null).toString().getBytes(StandardCharsets.UTF_8);
    var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(problem.status()),
        Unpooled.wrappedBuffer(body));
    var headers = response.headers();
    headers.set(HttpHeaderNames.CONTENT_TYPE, Problem.CONTENT_TYPE);
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    if (problem.status() == 503) headers.setInt(HttpHeaderNames.RETRY_AFTER, Problem.RETRY_AFTER_SECONDS);
    ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> linger(f.channel()));
  }

  /** Half-closes and lets the client's remaining bytes drain for a while, then closes. */
  static void linger(Channel channel) {
    if (channel instanceof DuplexChannel duplex && channel.isActive()) {
      duplex.shutdownOutput();
      channel.config().setAutoRead(true);
      channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    } else {
      channel.close();
    }
  }
}
