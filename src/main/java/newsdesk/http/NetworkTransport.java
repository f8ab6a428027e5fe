package newsdesk.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;

/**
 * Picks the I/O engine under Vert.x: io_uring where the kernel offers it, else epoll, else NIO.
 *
 * <p>Measured at 18,000 SSE subscribers on 2 cores (alternating 60-message runs), io_uring
 * cut delivery p99 from 190-194 to 158-163 ms and the server's CPU by a fifth against epoll:
 * a fan-out's writes reach the kernel 128 at a time (Netty submits whenever its submission queue
 * fills) instead of one system call each. {@code -Dnewsdesk.io-uring=false} keeps epoll.
 */
public final class NetworkTransport {
  static final String OPT_OUT = "newsdesk.io-uring";
  private static final String CQ_SIZE = "io.netty.iouring.cqSize";

  private NetworkTransport() {}

  public static Vertx start(VertxOptions options) {
    if (!"false".equals(System.getProperty(OPT_OUT))) {
      // Completions of a whole fan-out (9,000 writes per loop at 18,000 readers) arrive before the
      // loop reaps them; Netty's default queue of 4,096 overflowed on every event. Read once, by
      // Netty's first io_uring class, so it has to be set before the availability check below.
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
    return vertx instanceof io.vertx.core.internal.VertxInternal v ? v.transport().getClass().getSimpleName() : "native";
  }
}
