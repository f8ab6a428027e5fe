package newsdesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback that a test can cut, to take a server (PostgreSQL) away from the code
 * under test without stopping it for everyone else. Each accepted connection is piped to the
 * target in both directions until {@link #cut} and until {@link #restore}:
 * <ul>
 *   <li>{@link Cut#REFUSE}, like a stopped server: every piped connection is closed and the port
 *       no longer listens, so a new connection is refused;</li>
 *   <li>{@link Cut#BLACK_HOLE}, like a hung network: connections stay open but nothing passes either
 *       way (bytes are read and dropped), and a new connection is accepted and never answered.</li>
 * </ul>
 * {@link #restore} closes what the cut left open and pipes new connections again.
 */
public final class TcpProxy implements AutoCloseable {
  public enum Cut { REFUSE, BLACK_HOLE }

  private final InetSocketAddress target;
  private final int port;
  private final Set<Piped> piped = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;
  private volatile Cut cut;
  private volatile boolean closed;

  private TcpProxy(InetSocketAddress target, ServerSocket listener) {
    this.target = target;
    this.listener = listener;
    this.port = listener.getLocalPort();
    accept(listener);
  }

  /** A proxy on a free loopback port to {@code host:port}. */
  public static TcpProxy start(String host, int port) {
    try {
      return new TcpProxy(new InetSocketAddress(host, port), listen(0));
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on loopback", e);
    }
  }

  public int port() {
    return port;
  }

  /** Cuts every connection, present and future, as {@code how} says; see the class comment. */
  public synchronized void cut(Cut how) {
    cut = how;
    if (how == Cut.REFUSE) {
      closeQuietly(listener);
      for (Piped p : piped) p.close();
    } else {
      for (Piped p : piped) p.holed = true;
    }
  }

  /** Ends the cut: what it left open is closed, new connections are piped again. */
  public synchronized void restore() {
    if (cut == null) return;
    for (Piped p : piped) if (p.holed) p.close();
    if (cut == Cut.REFUSE) {
      try {
        ServerSocket again = listen(port);
        listener = again;
        accept(again);
      } catch (IOException e) {
        throw new IllegalStateException("cannot listen on port " + port + " again", e);
      }
    }
    cut = null;
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeQuietly(listener);
    for (Piped p : piped) p.close();
  }

  private static ServerSocket listen(int port) throws IOException {
    var s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    return s;
  }

  private void accept(ServerSocket on) {
    Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> {
      while (!closed && !on.isClosed()) {
        Socket client;
        try {
          client = on.accept();
        } catch (IOException e) {
          return; // closed by a cut or close
        }
        var p = new Piped(client);
        piped.add(p);
        if (cut == Cut.BLACK_HOLE) {
          p.holed = true;
          Thread.ofVirtual().start(() -> p.pump(client, null));
          continue;
        }
        try {
          var server = new Socket();
          server.connect(target, 2_000);
          p.server = server;
        } catch (IOException e) {
          p.close();
          continue;
        }
        Thread.ofVirtual().start(() -> p.pump(client, p.server));
        Thread.ofVirtual().start(() -> p.pump(p.server, client));
      }
    });
  }

  /** One client connection and, unless it was black-holed from the start, its connection to the target. */
  private final class Piped {
    final Socket client;
    volatile Socket server;
    volatile boolean holed;

    Piped(Socket client) {
      this.client = client;
    }

    /** Copies {@code from} to {@code to} while the connection is not holed; drops what it reads while it is. */
    void pump(Socket from, Socket to) {
      byte[] buf = new byte[16 * 1024];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to == null ? null : to.getOutputStream();
        for (int n; (n = in.read(buf)) >= 0; ) {
          if (holed || out == null) continue;
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed or was closed
      }
      if (!holed) close(); // a holed connection stays open until restore()
    }

    void close() {
      piped.remove(this);
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) return;
    try {
      c.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
