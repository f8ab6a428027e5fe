package newsdesk.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.vertx.core.http.HttpConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every HTTP connection the server accepts, counted against {@code limits.max-connections}, and
 * the per-connection guards put in front of Vert.x as it opens: {@link MalformedRequests} and
 * {@link SlowRequests}, or {@link OverCapacity} past the limit. The count holds SSE streams after
 * their detach and WebSockets too, until their channel closes: a process has a fixed number of
 * file descriptors, and once they are gone nobody, reader or newsroom, gets in.
 *
 * <p>Cost per connection: a close listener shared by all, and until an SSE stream detaches or a
 * WebSocket upgrades, the two guards and their pipeline entries (about 250 bytes).
 */
public final class ServerConnections {
  private final int max;
  private final BodyLimits bodyLimits;
  private final Duration headerTimeout;
  private final Duration bodyTimeout;
  private final AtomicInteger open = new AtomicInteger();
  private final ChannelFutureListener onClose = f -> open.decrementAndGet();
  private final Counter rejected;
  private final Counter headersTimedOut;
  private final Counter bodiesTimedOut;

  /**
   * @param max {@code limits.max-connections}
   * @param maxBodyBytes the largest request body any address takes
   * @param headerTimeout {@code limits.header-timeout-seconds}
   * @param bodyTimeout {@code limits.body-timeout-seconds}
   */
  public ServerConnections(int max, long maxBodyBytes, Duration headerTimeout, Duration bodyTimeout,
      MeterRegistry metrics) {
    this(max, BodyLimits.of(maxBodyBytes), headerTimeout, bodyTimeout, metrics);
  }

  /** As above, with larger bodies on some addresses. */
  public ServerConnections(int max, BodyLimits bodyLimits, Duration headerTimeout, Duration bodyTimeout,
      MeterRegistry metrics) {
    this.max = max;
    this.bodyLimits = bodyLimits;
    this.headerTimeout = headerTimeout;
    this.bodyTimeout = bodyTimeout;
    Gauge.builder("newsdesk.http.connections.open", open, AtomicInteger::get)
        .description("HTTP connections open, streams and WebSockets included").register(metrics);
    rejected = Counter.builder("newsdesk.http.connections.rejected")
        .description("connections answered 503 past limits.max-connections").register(metrics);
    headersTimedOut = Counter.builder("newsdesk.http.requests.timed.out").tag("phase", "headers")
        .description("connections closed for a request that came too slowly").register(metrics);
    bodiesTimedOut = Counter.builder("newsdesk.http.requests.timed.out").tag("phase", "body")
        .description("connections closed for a request that came too slowly").register(metrics);
  }

  /** For the server's connection handler: counts {@code connection} and puts its guards in place. */
  public void accept(HttpConnection connection) {
    Channel channel = VertxInternals.http1Channel(connection);
    if (channel == null) return;
    int now = open.incrementAndGet();
    channel.closeFuture().addListener(onClose);
    VertxInternals.addBeforeVertx(channel, SlowRequests.NAME, new SlowRequests(this));
    if (now > max) {
      rejected.increment();
      VertxInternals.addBeforeVertx(channel, OverCapacity.NAME, new OverCapacity(max));
    } else {
      VertxInternals.addBeforeVertx(channel, MalformedRequests.NAME, new MalformedRequests(bodyLimits));
    }
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }

  Duration headerTimeout() {
    return headerTimeout;
  }

  Duration bodyTimeout() {
    return bodyTimeout;
  }

  void timedOut(boolean body) {
    (body ? bodiesTimedOut : headersTimedOut).increment();
  }
}
