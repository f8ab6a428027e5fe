package newsdesk.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off a client that sends its request too slowly (slowloris): the head must be in within the
 * header timeout of the connection opening or of the previous response ending, and the body
 * within the body timeout of the head. A late head closes the connection (it may be a keep-alive
 * connection gone idle, where an answer would be taken for the next request's); a late body gets a
 * 408 problem when no response is under way. Nothing is held meanwhile but this handler and one
 * timer on the connection's loop: no worker thread, and bytes go no further than the decoder's
 * bounded buffers.
 *
 * <p>No timer runs while the server answers, and none once the connection is an SSE stream (the
 * detach removes this handler) or a WebSocket (it removes itself on the 101).
 */
final class SlowRequests extends ChannelDuplexHandler {
  static final String NAME = "slowRequests";

  private final ServerConnections owner;
  private ScheduledFuture<?> timer;
  private boolean readingBody;
  private boolean responding;
  // Requests read whose response has not ended.
  private int unanswered;

  SlowRequests(ServerConnections owner) {
    this.owner = owner;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    arm(ctx, false);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    disarm();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    disarm();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      unanswered++;
      readingBody = true;
      arm(ctx, true);
    }
    if (msg instanceof LastHttpContent && readingBody) {
      readingBody = false;
      disarm(); // the server's turn
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse r && r.status().code() < 200) {
      if (r.status().code() == 101) {
        ctx.write(msg, promise);
        ctx.pipeline().remove(this); // a WebSocket from here on, with heartbeats of its own
        return;
      }
    } else {
      if (msg instanceof HttpResponse) responding = true;
      if (msg instanceof LastHttpContent && responding) {
        responding = false;
        unanswered--;
        if (unanswered == 0 && !readingBody) arm(ctx, false); // waiting for the next request
      }
    }
    ctx.write(msg, promise);
  }

  private void arm(ChannelHandlerContext ctx, boolean body) {
    disarm();
    long nanos = body ? owner.bodyTimeout().toNanos() : owner.headerTimeout().toNanos();
    timer = ctx.executor().schedule(() -> expired(ctx, body), nanos, TimeUnit.NANOSECONDS);
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expired(ChannelHandlerContext ctx, boolean body) {
    timer = null;
    owner.timedOut(body);
    if (body && !responding && unanswered == 1) {
      ClosingAnswer.send(ctx, Problem.of(ProblemType.REQUEST_TIMEOUT,
          "the request body did not arrive within " + owner.bodyTimeout().toSeconds() + " s"));
    } else {
      ctx.close();
    }
  }
}
