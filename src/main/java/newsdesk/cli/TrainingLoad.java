package newsdesk.cli;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a training run does to a server of its own: the paths a breaking story takes (SSE, Mercure and
 * WebSocket subscribers, Mercure publishes fanned out to all of them, reader pages and feeds), so the
 * JVM's AOT cache records the classes they load and the profiles of the methods they run.
 */
final class TrainingLoad implements AutoCloseable {
  private static final String TOPIC = "https://newsdesk.invalid/training";
  private static final String BURST_TOPIC = "https://newsdesk.invalid/training/burst";
  /**
   * The longest wait for a delivery or a publish's answer: a training run records what ran, so a
   * slow machine that misses a delivery only shortens the wait, and a publish left unanswered fails
   * the load instead of holding it.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final String base;
  private final byte[] publisherKey;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong subscribed = new AtomicLong();
  private final List<AutoCloseable> open = new ArrayList<>();

  private final InetSocketAddress server;
  private final SseReaders readers;

  TrainingLoad(int port, byte[] publisherKey) throws IOException {
    this(port, publisherKey, r -> Thread.ofPlatform().name("training-sse").daemon().unstarted(r));
  }

  /** @param readerThread makes the one thread that reads every SSE subscriber */
  TrainingLoad(int port, byte[] publisherKey, ThreadFactory readerThread) throws IOException {
    this.base = "http://127.0.0.1:" + port;
    this.server = new InetSocketAddress("127.0.0.1", port);
    this.publisherKey = publisherKey;
    this.readers = new SseReaders(readerThread, "\"training\"", subscribed, received);
  }

  /**
   * Readers arriving and leaving, as after a restart: {@code rounds} times, {@code perTransport}
   * subscribers on SSE and on Mercure that resume from the earliest event (a replay), then all close.
   */
  void churn(int perTransport, int rounds) throws Exception {
    for (int r = 0; r < rounds; r++) {
      long before = subscribed.get();
      var sockets = new ArrayList<SocketChannel>();
      for (int i = 0; i < perTransport; i++) sockets.addAll(sseAndMercure("earliest"));
      await(subscribed, before + 2L * perTransport);
      for (var socket : sockets) socket.close();
    }
  }

  /**
   * Subscribers on each transport, then messages published one by one, each waited for at every subscriber.
   *
   * @return deliveries seen against deliveries expected
   */
  long[] run(int subscribersPerTransport, int messages) throws Exception {
    return run(subscribersPerTransport, messages, 1);
  }

  /** As {@link #run(int, int)}, with the messages published {@code together} at a time (sharing commits). */
  long[] run(int subscribersPerTransport, int messages, int together) throws Exception {
    long before = received.get(); // deliveries of an earlier burst are not this run's
    try {
      for (int i = 0; i < subscribersPerTransport; i++) open.addAll(sseAndMercure(null));
      for (int i = 0; i < Math.max(1, subscribersPerTransport / 10); i++) webSocket();
      long subscribers = 2L * subscribersPerTransport + Math.max(1, subscribersPerTransport / 10);
      await(subscribed, subscribers);
      String token = publisherToken();
      for (int first = 1; first <= messages; first += together) {
        int last = Math.min(messages, first + together - 1);
        var answers = new ArrayList<CompletableFuture<?>>();
        for (int m = first; m <= last; m++) {
          answers.add(publish(token, "{\"training\":" + m + ",\"text\":\"a line of a story that is breaking\"}"));
        }
        for (var answer : answers) answer.join();
        await(received, before + subscribers * last);
      }
      for (String path : List.of("/", "/feed.atom", "/feed.json", "/sitemap.xml", "/news-sitemap.xml",
          "/desk/sign-in", "/healthz", "/metrics", "/no-such-page")) {
        for (int i = 0; i < 20; i++) http.send(get(path), HttpResponse.BodyHandlers.discarding());
      }
      return new long[] {received.get() - before, subscribers * messages};
    } finally {
      close();
    }
  }

  /**
   * A newsroom's burst: {@code messages} publishes to a topic of one reader, {@code inFlight} at a
   * time, each acknowledged and delivered. The publish path (request, token, form, group commit,
   * answer) runs once per publish, so its profiles need far more publishes than the fan-out's.
   *
   * @return deliveries seen against deliveries expected on that topic
   */
  long[] burst(int messages, int inFlight) throws Exception {
    long before = subscribed.get();
    try (SocketChannel reader = sse("/.well-known/mercure?topic=" + enc(BURST_TOPIC), null)) {
      await(subscribed, before + 1);
      long seen = received.get();
      String token = publisherToken();
      var slots = new Semaphore(inFlight);
      var failed = new AtomicReference<Throwable>();
      for (int m = 1; m <= messages && failed.get() == null; m++) {
        slots.acquire();
        publish(token, BURST_TOPIC, "{\"training\":" + m + "}").whenComplete((ok, e) -> {
          if (e != null) failed.compareAndSet(null, e);
          slots.release();
        });
      }
      slots.acquire(inFlight); // every publish answered
      if (failed.get() != null) throw new IllegalStateException("a publish of the burst failed", failed.get());
      await(received, seen + messages);
      return new long[] {received.get() - seen, messages};
    }
  }

  /** Closes every subscriber, the readers' thread and the HTTP client (also after {@link #run}). */
  @Override
  public void close() throws InterruptedException {
    for (var c : open) {
      try {
        c.close();
      } catch (Exception ignored) {
        // the server stops next; a socket that will not close goes with it
      }
    }
    open.clear();
    readers.close();
    http.shutdownNow(); // its selector thread would outlive a self-warm otherwise
  }

  /** One subscriber on {@code /events} and one on Mercure, each resuming after {@code lastEventId} unless null. */
  private List<SocketChannel> sseAndMercure(String lastEventId) throws IOException {
    String query = "?topic=" + enc(TOPIC);
    return List.of(sse("/events" + query, lastEventId), sse("/.well-known/mercure" + query, lastEventId));
  }

  private SocketChannel sse(String path, String lastEventId) throws IOException {
    return readers.open(server, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n");
  }

  private void webSocket() {
    var ws = http.newWebSocketBuilder()
        .buildAsync(URI.create(base.replace("http:", "ws:") + "/ws"), new WebSocket.Listener() {
          // A message may come in parts; each is counted once, whole.
          private final StringBuilder message = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence text, boolean last) {
            message.append(text);
            if (last) {
              String whole = message.toString();
              message.setLength(0);
              if (whole.contains("\"subscribed\"")) subscribed.incrementAndGet();
              if (whole.contains("training")) received.incrementAndGet();
            }
            socket.request(1);
            return null;
          }
        }).join();
    ws.sendText("{\"type\":\"subscribe\",\"id\":\"t\",\"topics\":[\"" + TOPIC + "\"]}", true).join();
    open.add(() -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join());
  }

  private CompletableFuture<?> publish(String token, String data) {
    return publish(token, TOPIC, data);
  }

  private CompletableFuture<?> publish(String token, String topic, String data) {
    String form = "topic=" + enc(topic) + "&data=" + enc(data);
    var req = HttpRequest.newBuilder(URI.create(base + "/.well-known/mercure")).timeout(PATIENCE)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenAccept(res -> {
      if (res.statusCode() != 200) throw new IllegalStateException("training publish answered " + res.statusCode());
    });
  }

  private static void await(AtomicLong counter, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (counter.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(1); // polling a counter the reader threads raise, for at most PATIENCE
    }
  }

  private String publisherToken() throws Exception {
    var claims = new JWTClaimsSet.Builder().claim("mercure", Map.of("publish", List.of("*"))).build();
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(publisherKey));
    return jwt.serialize();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).GET().build();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
