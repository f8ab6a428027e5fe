package newsdesk.admission;

import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;

/**
 * How many subscriber connections (SSE and WebSocket together) one client may hold open, counted by
 * client IP address. It keeps one misbehaving client from taking every file descriptor. Behind a
 * front (load balancer) every peer is the front, so the client is the address it forwarded for,
 * believed only from the fronts in {@code limits.trusted-proxies} (see {@link TrustedProxies}).
 */
public final class ClientLimits {
  private final int perClient;
  private final TrustedProxies proxies;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  public ClientLimits(int perClient, TrustedProxies proxies) {
    this.perClient = perClient;
    this.proxies = proxies;
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
    String client = proxies.clientOf(req);
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
