package newsdesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test client for {@code /ws} on the JDK's WebSocket: queues each JSON message the server sends;
 * {@link #next} waits for one with a deadline. Server heartbeats ({@code {"type":"ping"}}) are
 * counted, not queued, so tests see only what they ask about.
 */
public final class WsClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the server closed the socket; code -1 when the connection broke without a close frame. */
  public record Closed(int code, String reason) {}

  /** The server refused the upgrade with {@code status}. */
  public static final class Refused extends RuntimeException {
    public final int status;
    public final String body;

    Refused(int status, String body) {
      super("handshake refused with " + status + ": " + body);
      this.status = status;
      this.body = body;
    }
  }

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger heartbeats = new AtomicInteger();
  private final WebSocket socket;

  private WsClient(WebSocket.Builder builder, URI uri) {
    try {
      socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        throw new Refused(h.getResponse().statusCode(), String.valueOf(h.getResponse().body()));
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new AssertionError("no WebSocket handshake within 10 s", e);
    }
  }

  /** Connects to {@code /ws} with an optional query (e.g. {@code authorization=…}) and headers. */
  public static WsClient connect(String baseUrl, String query, Map<String, String> headers) {
    var b = TestServer.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    headers.forEach(b::header);
    String url = baseUrl.replaceFirst("^http", "ws") + "/ws" + (query == null ? "" : "?" + query);
    return new WsClient(b, URI.create(url));
  }

  public static WsClient connect(String baseUrl) {
    return connect(baseUrl, null, Map.of());
  }

  private final class Listener implements WebSocket.Listener {
    private StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial = new StringBuilder();
        try {
          JsonNode n = JSON.readTree(text);
          if ("ping".equals(n.path("type").asText())) heartbeats.incrementAndGet();
          else queue.add(n);
        } catch (Exception e) {
          queue.add(new AssertionError("the server sent a message that is not JSON: " + text));
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      queue.add(new Closed(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      queue.add(new Closed(-1, String.valueOf(error)));
    }
  }

  public void send(String json) {
    socket.sendText(json, true).join();
  }

  /** Sends {@code subscribe} and returns the server's {@code subscribed} answer. */
  public JsonNode subscribe(String id, String lastEventId, String... topics) {
    ObjectNode m = JSON.createObjectNode().put("type", "subscribe").put("id", id);
    var arr = m.putArray("topics");
    for (String t : topics) arr.add(t);
    if (lastEventId != null) m.put("lastEventId", lastEventId);
    send(m.toString());
    JsonNode answer = next(Duration.ofSeconds(10));
    if (!"subscribed".equals(answer.path("type").asText()) || !id.equals(answer.path("id").asText())) {
      throw new AssertionError("expected subscribed for " + id + ", got " + answer);
    }
    return answer;
  }

  /** The next message other than a heartbeat, or an AssertionError if none arrives in time. */
  public JsonNode next(Duration timeout) {
    Object o = poll(timeout);
    if (o == null) throw new AssertionError("no WebSocket message within " + timeout);
    if (o instanceof Closed c) {
      queue.add(c);
      throw new AssertionError("the socket closed: " + c);
    }
    if (o instanceof AssertionError e) throw e;
    return (JsonNode) o;
  }

  /** The next {@code event} message, failing on anything else. */
  public JsonNode nextEvent(Duration timeout) {
    JsonNode n = next(timeout);
    if (!"event".equals(n.path("type").asText())) throw new AssertionError("expected an event, got " + n);
    return n;
  }

  /** Waits for the server to close the socket; null if it is still open after {@code timeout}. */
  public Closed awaitClose(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Object o = poll(Duration.ofNanos(deadline - System.nanoTime()));
      if (o instanceof Closed c) {
        queue.add(c);
        return c;
      }
    }
    return null;
  }

  public int heartbeats() {
    return heartbeats.get();
  }

  private Object poll(Duration timeout) {
    try {
      return queue.poll(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the server may have gone first
      }
    }
    socket.abort();
  }

  /** Drops the TCP connection without a close handshake, as a client that loses its network does. */
  public void abort() {
    socket.abort();
  }
}
