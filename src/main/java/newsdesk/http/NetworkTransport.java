package newsdesk.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;

/**
 * Picks the I/O engine under Vert.x: epoll (NIO where there is none), or io_uring on request
 * with {@code -Dnewsdesk.io-uring=true}.
 *
 * <p>Why io_uring is not the default, measured at 18,000 SSE subscribers on 2 cores: it cut paced
 * fan-out delivery p99 from 190-194 to 158-163 ms and the server's CPU by a fifth (a fan-out's
 * writes reach the kernel 128 at a time, not one system call each), but under floods of writes
 * its completion queue overflowed even at 32,768 entries: 1,000 readers took 5,000 back-to-back
 * publishes in 88 s instead of 35-44, and the 18,000-client reconnect storm took 10.4 s instead of
 * 5.9-6.5.
 */
public final class NetworkTransport {
  static final String OPT_IN = "newsdesk.io-uring";
  private static final String CQ_SIZE = "io.netty.iouring.cqSize";

  private NetworkTransport() {}

  public static Vertx start(VertxOptions options) {
    if ("true".equals(System.getProperty(OPT_IN))) {
      // A paced fan-out's completions (9,000 writes per loop at 18,000 readers) arrive before the
      // loop reaps them; Netty's default queue of 4,096 overflowed on every event. Netty reads this
      // once, in its first io_uring class, so it is set before the availability check below.
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
