package newsdesk.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import newsdesk.testing.LocalPushService;
import newsdesk.testing.PushSubscriber;

/**
 * Benchmark, not a test: encrypted sends per second to the local push service (bench/push/run).
 *
 * <pre>
 *   PushBench service DIR SUBSCRIBERS   start the push service, write DIR/subs.json and DIR/vapid.json, serve until stdin closes
 *   PushBench send DIR MESSAGES CONCURRENCY   Newsdesk's PushSender: encrypt, sign, POST; prints sends/s
 * </pre>
 * The service checks every request (TTL, encoding, Topic, VAPID signature, aud, exp, sub), as in
 * the tests, but does not decrypt: decryption is the browser's cost, not the sender's.
 */
public final class PushBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "service" -> service(Path.of(args[1]), Integer.parseInt(args[2]));
      case "send" -> send(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("service | send");
    }
  }

  /** The payload both senders send: a breaking alert as Newsdesk builds it. */
  static String payload() {
    return new PushPayload("breaking", "Harbour bridge closed in both directions",
        "Police ask drivers to use the ring road while engineers inspect the damage to the eastern span.",
        "https://news.example.org/stories/harbour-bridge", "/assets/icon.svg", "newsdesk-story-42",
        Instant.parse("2026-11-23T07:00:00Z")).toJson();
  }

  /** The pair both processes sign and subscribe with: the one kept in a store in {@code dir}. */
  private static VapidKeys keys(Path dir) {
    try (var store = newsdesk.store.sql.SqliteStores.open(dir)) {
      return VapidKeys.loadOrCreate(store, dir);
    }
  }

  private static void service(Path dir, int subscribers) throws Exception {
    Files.createDirectories(dir);
    VapidKeys keys = keys(dir);
    var service = LocalPushService.startWithoutDecryption();
    var subs = JSON.createArrayNode();
    for (int i = 0; i < subscribers; i++) {
      var s = PushSubscriber.create();
      String endpoint = service.subscribe(s, keys.publicKeyBase64());
      subs.addObject().put("endpoint", endpoint).putObject("keys").put("p256dh", s.p256dh()).put("auth", s.auth());
    }
    var meta = JSON.createObjectNode();
    meta.set("subscriptions", subs);
    meta.put("payload", payload());
    Files.writeString(dir.resolve("subs.json"), meta.toString());
    System.out.println("ready " + service.origin());
    System.out.flush();
    System.in.read(); // until the runner closes our stdin
    System.err.println("push service: accepted " + service.acceptedCount() + ", refused " + service.violations().size()
        + (service.violations().isEmpty() ? "" : " e.g. " + service.violations().get(0)));
    service.close();
  }

  private static void send(Path dir, int messages, int concurrency) throws Exception {
    JsonNode meta = JSON.readTree(Files.readString(dir.resolve("subs.json")));
    var targets = new ArrayList<PushTarget>();
    for (JsonNode s : meta.get("subscriptions")) {
      targets.add(PushTarget.of(s.get("endpoint").asText(), s.get("keys").get("p256dh").asText(), s.get("keys").get("auth").asText()));
    }
    byte[] payload = meta.get("payload").asText().getBytes(StandardCharsets.UTF_8);
    var message = new PushMessage(payload, Duration.ofSeconds(86_400), Urgency.HIGH, "bench-topic");
    try (var sender = new PushSender(new VapidJwt(keys(dir), "mailto:bench@example.org", Clock.systemUTC()),
        concurrency, Duration.ofSeconds(30))) {
      run(sender, targets, message, Math.min(messages, 5_000), concurrency); // warm-up: JIT, connections
      long start = System.nanoTime();
      int ok = run(sender, targets, message, messages, concurrency);
      double secs = (System.nanoTime() - start) / 1e9;
      System.out.printf("newsdesk PushSender: %d messages, %d accepted, concurrency %d, %.2f s, %.0f sends/s%n",
          messages, ok, concurrency, secs, messages / secs);
    }
  }

  private static int run(PushSender sender, List<PushTarget> targets, PushMessage message, int n, int concurrency)
      throws InterruptedException {
    var gate = new Semaphore(concurrency);
    var ok = new AtomicInteger();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        gate.acquire();
        PushTarget t = targets.get(i % targets.size());
        pool.execute(() -> {
          try {
            if (sender.send(t, message).outcome() == PushResult.Outcome.ACCEPTED) ok.incrementAndGet();
          } finally {
            gate.release();
          }
        });
      }
    }
    return ok.get();
  }
}
