package newsdesk.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses an HTTP/1.x request that cannot be read safely before Vert.x sees it, with a problem and
 * a closed connection: what Netty's decoder failed on (a bad request line or version, broken
 * headers or chunk framing; too long a line is 414, too many header bytes 431), what RFC 9112 says
 * a server must refuse (no Host, two, or an invalid one on HTTP/1.1; a Transfer-Encoding that
 * does not end in chunked) and a body over the limit (413, at once when Content-Length says so).
 * Left to Vert.x these became a bare status, or a 500 for broken chunk framing.
 *
 * <p>One per connection, between Vert.x's HTTP codec and its handler; it removes itself when the
 * connection becomes a WebSocket, and an SSE stream's detach removes it with the rest. The answer
 * goes out only when no response is under way, so it cannot land inside or ahead of another;
 * otherwise the connection just closes. The request being read is never handed on incomplete:
 * Vert.x only sees the connection close.
 */
public final class MalformedRequests extends ChannelDuplexHandler {
  static final String NAME = "malformedRequests";
  // RFC 3986's authority: an IP literal or a reg-name (IPv4 fits it too), then an optional port.
  private static final Pattern HOST = Pattern.compile(
      "(\\[[0-9A-Fa-f:.]+]|\\[v[0-9A-Fa-f]+\\.[A-Za-z0-9._~!$&'()*+,;=:-]+]|[A-Za-z0-9._~!$&'()*+,;=%-]*)(:[0-9]{0,5})?");

  private final BodyLimits limits;
  // The limit of the request being read: its address's.
  private long maxBodyBytes;
  // Requests handed to Vert.x whose response has not ended.
  private int unanswered;
  private boolean responding;
  private boolean readingBody;
  private long bodyBytes;
  private boolean refused;
  // This handler's own answer went out: whatever Vert.x still writes is dropped.
  private boolean answered;

  MalformedRequests(BodyLimits limits) {
    this.limits = limits;
    this.maxBodyBytes = limits.standard();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!(msg instanceof HttpObject o)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Problem problem = o.decoderResult().isFailure() ? decoderFailure(o.decoderResult(), o instanceof HttpRequest)
        : o instanceof HttpRequest r ? check(r)
        : o instanceof HttpContent c && readingBody ? checkSize(c.content().readableBytes())
        : null;
    if (problem != null) {
      ReferenceCountUtil.release(msg);
      refuse(ctx, problem);
      return;
    }
    if (o instanceof HttpRequest) {
      unanswered++;
      readingBody = true;
      bodyBytes = 0;
    }
    if (o instanceof LastHttpContent) readingBody = false;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (answered) {
      // Vert.x answering the refused request after all: it has its answer and the connection is closing.
      ReferenceCountUtil.release(msg);
      if (!promise.isVoid()) promise.tryFailure(new ClosedChannelException());
      return;
    }
    if (msg instanceof HttpResponse r && r.status().code() < 200) {
      if (r.status().code() == 101) {
        // A WebSocket from here on: nothing of HTTP's left to check.
        promise = promise.unvoid();
        promise.addListener(f -> {
          if (ctx.pipeline().context(this) != null) ctx.pipeline().remove(this);
        });
      }
    } else {
      if (msg instanceof HttpResponse) responding = true;
      if (msg instanceof LastHttpContent && responding) {
        responding = false;
        unanswered--;
        if (refused && owed() <= 0) {
          ctx.write(msg, promise);
          closeWhenWritten(ctx);
          return;
        }
      }
    }
    ctx.write(msg, promise);
  }

  /** The problem with a request's head, or null; a minor version above 1.1 is read as 1.1. */
  private Problem check(HttpRequest request) {
    maxBodyBytes = limits.forTarget(request.uri());
    HttpVersion version = request.protocolVersion();
    if (!version.protocolName().equals("HTTP") || version.majorVersion() != 1) {
      return Problem.badRequest("this server speaks HTTP/1.0 and HTTP/1.1 only, not " + version.text());
    }
    if (version.minorVersion() > 1) request.setProtocolVersion(HttpVersion.HTTP_1_1);
    List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
    if (request.protocolVersion().minorVersion() == 1 && hosts.size() != 1) {
      return Problem.badRequest("an HTTP/1.1 request needs exactly one Host header, not " + hosts.size());
    }
    if (hosts.size() > 1 || hosts.size() == 1 && !validHost(hosts.get(0))) {
      return Problem.badRequest("the Host header is not a valid host and port");
    }
    List<String> codings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
    if (!codings.isEmpty()) {
      String all = String.join(",", codings).toLowerCase(Locale.ROOT);
      if (!all.substring(all.lastIndexOf(',') + 1).strip().equals("chunked")) {
        return Problem.badRequest("a Transfer-Encoding must end in chunked");
      }
    }
    String length = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
    if (length != null && codings.isEmpty()) {
      try {
        if (Long.parseLong(length.strip()) > maxBodyBytes) return tooLarge();
      } catch (NumberFormatException e) {
        return Problem.badRequest("Content-Length is not a number");
      }
    }
    return null;
  }

  private static boolean validHost(String host) {
    var m = HOST.matcher(host);
    if (!m.matches()) return false;
    String port = m.group(2);
    return port == null || port.length() == 1 || Integer.parseInt(port.substring(1)) <= 65_535;
  }

  private Problem checkSize(int bytes) {
    bodyBytes += bytes;
    return bodyBytes > maxBodyBytes ? tooLarge() : null;
  }

  private Problem tooLarge() {
    return Problem.of(ProblemType.TOO_LARGE, "the request body is over the " + maxBodyBytes + "-byte limit");
  }

  private static Problem decoderFailure(DecoderResult result, boolean head) {
    Throwable cause = result.cause();
    if (cause instanceof TooLongHttpLineException) {
      return Problem.of(ProblemType.URI_TOO_LONG, "the request line is over the server's limit");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return Problem.of(ProblemType.HEADERS_TOO_LARGE, "the request headers are over the server's limit");
    }
    return Problem.badRequest(head ? "the request line or headers could not be read as HTTP/1.1"
        : "the request body's chunked framing is broken");
  }

  /**
   * Answers with {@code problem} when the answer can only belong to the request being read: no
   * other response is owed or under way. Otherwise the connection closes once the responses owed
   * to earlier requests are out. Either way nothing more is read.
   */
  private void refuse(ChannelHandlerContext ctx, Problem problem) {
    refused = true;
    if (responding) {
      ctx.close(); // the response under way can only be cut short
    } else if (owed() == 0) {
      answered = true;
      ClosingAnswer.send(ctx, problem);
    } else if (owed() < 0) {
      closeWhenWritten(ctx); // this request was answered before its body went wrong
    }
  }

  /** Responses owed to requests before the one being read; -1 when that one is answered already. */
  private int owed() {
    return unanswered - (readingBody ? 1 : 0);
  }

  private static void closeWhenWritten(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> ClosingAnswer.linger(f.channel()));
  }
}
