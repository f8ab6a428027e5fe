package newsdesk.admission;

import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;

/**
 * How many subscriber connections (SSE and WebSocket together) one client may hold open, counted by
 * remote IP address. It keeps one misbehaving client from taking every file descriptor. Behind a
 * proxy every client shares the proxy's address, so raise the limit there; forwarded-for headers
 * are not trusted, since any client can send them.
 */
public final class ClientLimits {
  private final int perClient;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  public ClientLimits(int perClient) {
    this.perClient = perClient;
  }

  /** One counted connection; releasing it twice counts once, so every close path may call it. */
  public final class Lease {
    private final String client;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(String client) {
      this.client = client;
    }

    public void release() {
      if (released.compareAndSet(false, true)) open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  /**
   * Counts a new connection from {@code req}'s client, or answers 429 and returns null when it
   * already holds the most it may.
   */
  public Lease acquire(HttpServerRequest req) {
    String client = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
    boolean[] granted = {false};
    open.compute(client, (k, n) -> {
      int count = n == null ? 0 : n;
      if (count >= perClient) return n;
      granted[0] = true;
      return count + 1;
    });
    if (granted[0]) return new Lease(client);
    Problem.of(ProblemType.TOO_MANY_CONNECTIONS,
        "at most " + perClient + " live connections per client; close one first")
        .send(req.response(), req.path());
    return null;
  }
}
