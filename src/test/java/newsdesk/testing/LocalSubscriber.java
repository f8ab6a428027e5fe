package newsdesk.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A WebSub subscriber (or webhook receiver) on loopback, on the JDK's own HTTP server: it answers
 * verification GETs by echoing {@code hub.challenge} (or refuses, when told to) and records every
 * GET and POST. POSTs are answered with the statuses queued by {@link #answer}, then 204.
 */
public final class LocalSubscriber implements AutoCloseable {
  /** A request as received: its query parameters, headers and body. */
  public record Received(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
      byte[] body) {
    public String header(String name) {
      for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      return null;
    }

    public List<String> headers(String name) {
      for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
      return List.of();
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Received> verifications = new CopyOnWriteArrayList<>();
  private final List<Received> deliveries = new CopyOnWriteArrayList<>();
  private final Deque<Integer> answers = new ArrayDeque<>();
  private volatile boolean confirm = true;
  private volatile java.util.concurrent.CountDownLatch held;

  private LocalSubscriber(HttpServer server) {
    this.server = server;
  }

  public static LocalSubscriber start() {
    return start(0);
  }

  /** On {@code port} (0: any free one), e.g. to come back on the same address after a stop. */
  public static LocalSubscriber start(int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      var s = new LocalSubscriber(server);
      server.createContext("/", s::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return s;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The callback URL for {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Whether verification GETs are confirmed (the challenge echoed) or refused (404). */
  public void confirm(boolean yes) {
    confirm = yes;
  }

  /**
   * While held, verification GETs are recorded and then left unanswered until {@link #release} (at
   * most a minute): a hub can be stopped in the middle of one.
   */
  public void hold() {
    held = new java.util.concurrent.CountDownLatch(1);
  }

  /** Answers the held verification GETs (to whoever still listens), and the next ones at once. */
  public void release() {
    var h = held;
    held = null;
    if (h != null) h.countDown();
  }

  /** Statuses for the next POSTs, in order; after them POSTs get 204. */
  public synchronized void answer(Integer... statuses) {
    answers.addAll(List.of(statuses));
  }

  public List<Received> verifications() {
    return List.copyOf(verifications);
  }

  public List<Received> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Waits for the {@code n}th delivery (1-based) and returns it. */
  public Received delivery(int n, Duration timeout) {
    Await.until(() -> deliveries.size() >= n, timeout, "delivery " + n + " at the subscriber");
    return deliveries.get(n - 1);
  }

  /** Waits for the {@code n}th verification request (1-based) and returns it. */
  public Received verification(int n, Duration timeout) {
    Await.until(() -> verifications.size() >= n, timeout, "verification " + n + " at the subscriber");
    return verifications.get(n - 1);
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    var query = query(ex.getRequestURI().getRawQuery());
    var r = new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), query,
        Map.copyOf(ex.getRequestHeaders()), body);
    if (ex.getRequestMethod().equals("GET")) {
      verifications.add(r);
      var h = held;
      if (h != null) {
        try {
          h.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String challenge = query.get("hub.challenge");
      if (confirm && challenge != null) {
        byte[] out = challenge.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
      } else {
        ex.sendResponseHeaders(404, -1);
      }
    } else {
      int status;
      synchronized (this) {
        status = answers.isEmpty() ? 204 : answers.poll();
      }
      deliveries.add(r);
      ex.sendResponseHeaders(status, -1);
    }
    ex.close();
  }

  private static Map<String, String> query(String raw) {
    var out = new LinkedHashMap<String, String>();
    if (raw == null) return out;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
