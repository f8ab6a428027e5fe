package newsdesk.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

/**
 * A connection past {@code limits.max-connections}: its first request is answered 503 with a
 * Retry-After and the connection closes; Vert.x never sees it. The header timeout still bounds
 * how long it may take to ask.
 */
final class OverCapacity extends ChannelInboundHandlerAdapter {
  static final String NAME = "overCapacity";
  private final int max;
  private boolean answered;

  OverCapacity(int max) {
    this.max = max;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    boolean request = msg instanceof HttpRequest;
    ReferenceCountUtil.release(msg);
    if (request && !answered) {
      answered = true;
      ClosingAnswer.send(ctx, Problem.of(ProblemType.AT_CAPACITY,
          "the server holds its limit of " + max + " open connections; try again shortly"));
    }
  }
}
