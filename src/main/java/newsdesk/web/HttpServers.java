package newsdesk.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The HTTP server instances of one node (one per event loop, sharing one listening socket), so
 * that shutdown can stop them listening before it tells readers to go elsewhere.
 */
public final class HttpServers {
  private static final Duration PROBE_EVERY = Duration.ofMillis(10);

  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

  void add(HttpServer server) {
    servers.add(server);
  }

  /**
   * Stops listening at once; connections with a request running finish it (up to {@code grace}),
   * idle ones are closed. Completes when every connection is closed, or {@code grace} has passed
   * and the rest were closed. Streams (SSE, WebSocket) stay open until their transport closes them.
   */
  public Future<Void> shutdown(Duration grace) {
    return Future.all(servers.stream().map(s -> s.shutdown(grace)).toList()).mapEmpty();
  }

  /**
   * Waits until nothing accepts a connection on {@code host:port} any more, up to {@code deadline}:
   * Vert.x closes the shared listening socket on another thread, and tells no one when it is done.
   *
   * @return whether the port refused a connection before the deadline
   */
  public static boolean awaitRefused(String host, int port, Duration deadline) throws InterruptedException {
    String probe = switch (host) {
      case "0.0.0.0", "" -> "127.0.0.1";
      case "::", "[::]" -> "::1";
      default -> host;
    };
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      try (var socket = new Socket()) {
        socket.connect(new InetSocketAddress(probe, port), (int) PROBE_EVERY.toMillis() * 10);
      } catch (ConnectException refused) {
        return true;
      } catch (IOException slow) {
        // a timeout: a full accept queue, not yet closed
      }
      Thread.sleep(PROBE_EVERY);
    }
    return false;
  }
}
