package newsdesk.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;

/**
 * Picks the I/O engine under Vert.x: epoll (NIO where there is none), or io_uring on request
 * with {@code -Dnewsdesk.io-uring=true}.
 *
 * <p>io_uring is not the default: it sends a paced fan-out with less CPU, but under floods of
 * writes its completion queue overflows and floods finish far later than under epoll. See
 * docs/decisions/0004-io-uring-opt-in.md.
 */
public final class NetworkTransport {
  static final String OPT_IN = "newsdesk.io-uring";
  private static final String CQ_SIZE = "io.netty.iouring.cqSize";

  private NetworkTransport() {}

  public static Vertx start(VertxOptions options) {
    if ("true".equals(System.getProperty(OPT_IN))) {
      // A fan-out's completions arrive before the loop reaps them, and Netty's default queue
      // (4,096) overflows. Netty reads this once, in its first io_uring class, so it is set before
      // the availability check below.
      if (System.getProperty(CQ_SIZE) == null) System.setProperty(CQ_SIZE, "32768");
      if (Transport.IO_URING.available()) {
        return Vertx.builder().with(options).withTransport(Transport.IO_URING).build();
      }
    }
    return Vertx.vertx(options.setPreferNativeTransport(true));
  }

  /** The engine a running Vert.x uses, for the log. */
  public static String describe(Vertx vertx) {
    if (!vertx.isNativeTransportEnabled()) return "NIO";
    String name = VertxInternals.transportName(vertx);
    return name == null ? "native" : name;
  }
}
