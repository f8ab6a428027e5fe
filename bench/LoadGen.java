// The load generator for bench/run: opens N SSE subscribers (source addresses spread over
// 127.0.0.2-9 so ephemeral ports do not run out), publishes M messages at a fixed gap, and reports
// publish-to-receive latency, delivery, server memory and CPU as one JSON line.
// Run with the Newsdesk jar on the class path (it brings Vert.x and nimbus-jose-jwt):
//   java -cp target/newsdesk.jar bench/LoadGen.java --target newsdesk --port 8080 --subscribers 1000 ...
// Publisher and subscribers share this process's clock, so a latency is two System.nanoTime() reads.

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

public final class LoadGen {
  static final String CHANNEL = "bench";

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = args(argv);
    var cfg = new Cfg(a);
    var vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Integer.parseInt(a.getOrDefault("loops", "2"))));
    try {
      String result = switch (a.getOrDefault("mode", "latency")) {
        case "latency" -> new LatencyRun(vertx, cfg).run();
        case "throughput" -> new ThroughputRun(vertx, cfg).run();
        case "storm" -> new StormRun(vertx, cfg).run();
        default -> throw new IllegalArgumentException("mode: latency | throughput | storm");
      };
      System.out.println(result);
      if (a.containsKey("out")) Files.writeString(Path.of(a.get("out")), result + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  static Map<String, String> args(String[] argv) {
    var m = new HashMap<String, String>();
    for (int i = 0; i + 1 < argv.length; i += 2) m.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    return m;
  }

  /** What to talk to: Newsdesk's Mercure endpoint, or nchan's pub/sub locations. */
  static final class Cfg {
    final String target;
    final String host;
    final int port;
    final int subscribers;
    final int messages;
    final long gapMs;
    final int payloadBytes;
    final long serverPid;
    final int warmup;
    final String jwt;

    Cfg(Map<String, String> a) throws Exception {
      target = a.getOrDefault("target", "newsdesk");
      host = a.getOrDefault("host", "127.0.0.1");
      port = Integer.parseInt(a.getOrDefault("port", "8080"));
      subscribers = Integer.parseInt(a.getOrDefault("subscribers", "1000"));
      messages = Integer.parseInt(a.getOrDefault("messages", "20"));
      gapMs = Long.parseLong(a.getOrDefault("gap-ms", "500"));
      payloadBytes = Integer.parseInt(a.getOrDefault("payload-bytes", "200"));
      serverPid = Long.parseLong(a.getOrDefault("server-pid", "0"));
      warmup = Integer.parseInt(a.getOrDefault("warmup", "10"));
      String key = a.get("key");
      jwt = key == null ? null : mint(key);
    }

    boolean newsdesk() {
      return target.equals("newsdesk");
    }

    String subscribePath() {
      return newsdesk() ? "/.well-known/mercure?topic=" + CHANNEL : "/sub?id=" + CHANNEL;
    }

    private static String mint(String key) throws Exception {
      var claims = new JWTClaimsSet.Builder().claim("mercure", Map.of("publish", List.of("*"))).build();
      var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    }
  }

  /** A message body of about {@code bytes} bytes carrying its sequence number. */
  static String payload(int seq, int bytes) {
    String head = "{\"seq\":" + seq + ",\"pad\":\"";
    int pad = Math.max(0, bytes - head.length() - 2);
    return head + "x".repeat(pad) + "\"}";
  }

  /** Publishes over keep-alive HTTP; completes when the server has acknowledged. */
  static final class Publisher {
    final HttpClient http;
    final Cfg cfg;

    Publisher(Vertx vertx, Cfg cfg, int pool) {
      this.cfg = cfg;
      this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
          new PoolOptions().setHttp1MaxSize(pool));
    }

    Future<String> publish(String data) {
      String uri = cfg.newsdesk() ? "/.well-known/mercure" : "/pub?id=" + CHANNEL;
      Buffer body = cfg.newsdesk()
          ? Buffer.buffer("topic=" + CHANNEL + "&data=" + java.net.URLEncoder.encode(data, StandardCharsets.UTF_8))
          : Buffer.buffer(data);
      return http.request(HttpMethod.POST, cfg.port, cfg.host, uri).compose(req -> {
        if (cfg.newsdesk()) {
          req.putHeader("Content-Type", "application/x-www-form-urlencoded");
          req.putHeader("Authorization", "Bearer " + cfg.jwt);
        } else {
          req.putHeader("Content-Type", "application/json");
        }
        return req.send(body).compose(res -> res.body().map(b -> {
          if (res.statusCode() >= 300) throw new IllegalStateException("publish answered " + res.statusCode() + ": " + b);
          return b.toString();
        }));
      });
    }
  }

  /**
   * N raw SSE connections. Each parses lines out of the byte stream (chunk framing lines are
   * skipped: an event is always inside one chunk) and reports every data line's sequence number.
   */
  static final class Subscribers {
    interface OnEvent {
      void event(int subscriber, int seq, String id);
    }

    final List<NetClient> clients = new ArrayList<>();
    final NetSocket[] sockets;
    final String[] lastIds;
    final AtomicInteger connected = new AtomicInteger();
    final Cfg cfg;
    final OnEvent onEvent;

    Subscribers(Vertx vertx, Cfg cfg, int n, OnEvent onEvent) {
      this.cfg = cfg;
      this.onEvent = onEvent;
      this.sockets = new NetSocket[n];
      this.lastIds = new String[n];
      for (int i = 2; i <= 9; i++) {
        clients.add(vertx.createNetClient(new NetClientOptions().setLocalAddress("127.0.0." + i)
            .setTcpNoDelay(true).setConnectTimeout(30_000).setReceiveBufferSize(16 * 1024)));
      }
    }

    /** Connects subscribers [from, to) in waves, each waiting for its response headers. */
    void connect(int from, int to, Map<Integer, String> resumeIds) throws InterruptedException {
      int wave = 500;
      for (int start = from; start < to; start += wave) {
        int end = Math.min(to, start + wave);
        var done = new CountDownLatch(end - start);
        for (int i = start; i < end; i++) open(i, resumeIds == null ? null : resumeIds.get(i), done);
        if (!done.await(60, TimeUnit.SECONDS)) System.err.println("loadgen: some connections did not open in 60 s");
      }
    }

    void open(int i, String lastEventId, CountDownLatch opened) {
      var client = clients.get(i % clients.size());
      client.connect(cfg.port, cfg.host).onComplete(ar -> {
        if (ar.failed()) {
          System.err.println("loadgen: connect failed: " + ar.cause());
          opened.countDown();
          return;
        }
        NetSocket s = ar.result();
        sockets[i] = s;
        var parser = new LineParser(i, opened);
        s.handler(parser::feed);
        s.closeHandler(v -> parser.closed());
        String req = "GET " + cfg.subscribePath() + " HTTP/1.1\r\nHost: " + cfg.host + "\r\nAccept: text/event-stream\r\n"
            + (lastEventId != null ? "Last-Event-ID: " + lastEventId + "\r\n" : "") + "\r\n";
        s.write(req);
      });
    }

    void closeAll() {
      for (NetSocket s : sockets) if (s != null) s.close();
    }

    final class LineParser {
      final int index;
      final CountDownLatch opened;
      boolean headersDone;
      boolean counted;
      String statusLine;
      byte[] carry = new byte[0];
      String pendingId;

      LineParser(int index, CountDownLatch opened) {
        this.index = index;
        this.opened = opened;
      }

      void closed() {
        if (!counted) {
          counted = true;
          opened.countDown();
        }
      }

      void feed(Buffer b) {
        byte[] bytes = b.getBytes();
        byte[] all;
        if (carry.length == 0) {
          all = bytes;
        } else {
          all = Arrays.copyOf(carry, carry.length + bytes.length);
          System.arraycopy(bytes, 0, all, carry.length, bytes.length);
        }
        int start = 0;
        for (int i = 0; i < all.length; i++) {
          if (all[i] == '\n') {
            line(all, start, i);
            start = i + 1;
          }
        }
        carry = start < all.length ? Arrays.copyOfRange(all, start, all.length) : new byte[0];
      }

      void line(byte[] all, int from, int to) {
        int end = to > from && all[to - 1] == '\r' ? to - 1 : to;
        if (!headersDone) {
          if (statusLine == null) statusLine = new String(all, from, end - from, StandardCharsets.US_ASCII);
          if (end == from) {
            headersDone = true;
            if (!counted) {
              counted = true;
              // Only a stream counts as a subscriber; a refusal (429, 503) is reported, not counted.
              if (statusLine.startsWith("HTTP/1.1 200")) connected.incrementAndGet();
              else System.err.println("loadgen: subscriber refused: " + statusLine);
              opened.countDown();
            }
          }
          return;
        }
        if (startsWith(all, from, end, "id: ") || startsWith(all, from, end, "id:")) {
          pendingId = new String(all, from + (all[from + 3] == ' ' ? 4 : 3), end - from - (all[from + 3] == ' ' ? 4 : 3),
              StandardCharsets.UTF_8);
        } else if (startsWith(all, from, end, "data: {\"seq\":") || startsWith(all, from, end, "data:{\"seq\":")) {
          int p = indexOf(all, from, end, (byte) ':', 2) + 1; // after "seq":
          int seq = 0;
          while (p < end && all[p] >= '0' && all[p] <= '9') seq = seq * 10 + (all[p++] - '0');
          if (pendingId != null) lastIds[index] = pendingId;
          onEvent.event(index, seq, pendingId);
          pendingId = null;
        }
      }
    }

    static boolean startsWith(byte[] a, int from, int end, String prefix) {
      if (end - from < prefix.length()) return false;
      for (int i = 0; i < prefix.length(); i++) if (a[from + i] != prefix.charAt(i)) return false;
      return true;
    }

    static int indexOf(byte[] a, int from, int end, byte b, int nth) {
      for (int i = from; i < end; i++) if (a[i] == b && --nth == 0) return i;
      return end;
    }
  }

  /** Resident memory (kB) and CPU time (s) of the server process, read from /proc. */
  static long rssKb(long pid) throws Exception {
    if (pid == 0) return 0;
    for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
    }
    return 0;
  }

  static double cpuSeconds(long pid) throws Exception {
    if (pid == 0) return 0;
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, clock ticks
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) return -1;
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Latency run: N subscribers, M messages at a fixed gap. */
  static final class LatencyRun {
    final Vertx vertx;
    final Cfg cfg;

    LatencyRun(Vertx vertx, Cfg cfg) {
      this.vertx = vertx;
      this.cfg = cfg;
    }

    String run() throws Exception {
      int n = cfg.subscribers;
      int m = cfg.messages;
      long[] sentAt = new long[m + 1];
      long[][] latency = new long[m + 1][];
      var counts = new AtomicLongArray(m + 1);
      for (int k = 1; k <= m; k++) latency[k] = new long[n];
      var delivered = new AtomicLong();
      var subs = new Subscribers(vertx, cfg, n, (i, seq, id) -> {
        if (seq < 1 || seq > m) return;
        long l = System.nanoTime() - sentAt[seq];
        int slot = (int) counts.getAndIncrement(seq);
        if (slot < n) latency[seq][slot] = l;
        delivered.incrementAndGet();
      });
      // A warm-up wave first, so "before" already includes what any first connections cost once
      // (JIT-compiled code, thread caches, pools) and the difference is what each connection holds.
      var warm = new Subscribers(vertx, cfg, Math.min(n, 1000), (i, seq, id) -> {});
      warm.connect(0, Math.min(n, 1000), null);
      warm.closeAll();
      Thread.sleep(2000);
      long rssBefore = rssKb(cfg.serverPid);
      long t0 = System.nanoTime();
      subs.connect(0, n, null);
      double connectSeconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(2000); // let the server settle before reading its memory
      long rssAfter = rssKb(cfg.serverPid);
      double cpu0 = cpuSeconds(cfg.serverPid);
      var pub = new Publisher(vertx, cfg, 1);
      // Warm-up messages (seq 0, not counted) let both JITs and connection pools settle first.
      for (int w = 0; w < cfg.warmup; w++) {
        pub.publish(payload(0, cfg.payloadBytes)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Thread.sleep(cfg.gapMs);
      }
      long[] ackNanos = new long[m + 1];
      for (int k = 1; k <= m; k++) {
        long start = System.nanoTime();
        sentAt[k] = start;
        pub.publish(payload(k, cfg.payloadBytes)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        ackNanos[k] = System.nanoTime() - start;
        long wait = cfg.gapMs * 1_000_000 - (System.nanoTime() - start);
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      long expected = (long) subs.connected.get() * m;
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (delivered.get() < expected && System.nanoTime() < deadline) Thread.sleep(50);
      double cpu = cpuSeconds(cfg.serverPid) - cpu0;
      subs.closeAll();

      var all = new ArrayList<Long>();
      var perMessage = new StringBuilder("[");
      for (int k = 1; k <= m; k++) {
        int c = (int) Math.min(n, counts.get(k));
        long[] s = Arrays.copyOf(latency[k], c);
        Arrays.sort(s);
        for (long v : s) all.add(v);
        if (k > 1) perMessage.append(',');
        perMessage.append(String.format("{\"seq\":%d,\"received\":%d,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"ack_ms\":%.2f}",
            k, c, percentile(s, 0.5) / 1e6, percentile(s, 0.99) / 1e6, c == 0 ? -1 : s[c - 1] / 1e6, ackNanos[k] / 1e6));
      }
      perMessage.append(']');
      long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
      long[] acks = Arrays.copyOfRange(ackNanos, 1, m + 1);
      Arrays.sort(acks);
      int connected = subs.connected.get();
      return String.format(
          "{\"mode\":\"latency\",\"target\":\"%s\",\"subscribers\":%d,\"connected\":%d,\"messages\":%d,\"delivered\":%d,\"expected\":%d,"
              + "\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"ack_p50_ms\":%.2f,\"ack_p99_ms\":%.2f,"
              + "\"rss_before_kb\":%d,\"rss_after_kb\":%d,\"kb_per_connection\":%.2f,\"server_cpu_s\":%.2f,\"connect_s\":%.1f,"
              + "\"per_message\":%s}",
          cfg.target, n, connected, m, delivered.get(), expected,
          percentile(sorted, 0.5) / 1e6, percentile(sorted, 0.99) / 1e6, sorted.length == 0 ? -1 : sorted[sorted.length - 1] / 1e6,
          percentile(acks, 0.5) / 1e6, percentile(acks, 0.99) / 1e6,
          rssBefore, rssAfter, connected == 0 ? 0 : (rssAfter - rssBefore) / (double) connected, cpu, connectSeconds,
          perMessage);
    }
  }

  /** Publish throughput: acknowledged messages per second with a few publishes in flight. */
  static final class ThroughputRun {
    final Vertx vertx;
    final Cfg cfg;

    ThroughputRun(Vertx vertx, Cfg cfg) {
      this.vertx = vertx;
      this.cfg = cfg;
    }

    String run() throws Exception {
      var delivered = new AtomicLong();
      var subs = new Subscribers(vertx, cfg, cfg.subscribers, (i, seq, id) -> delivered.incrementAndGet());
      subs.connect(0, cfg.subscribers, null);
      int inFlight = 8;
      var pub = new Publisher(vertx, cfg, inFlight);
      int total = cfg.messages;
      var next = new AtomicInteger(1);
      var done = new CountDownLatch(total);
      var failures = new AtomicInteger();
      long t0 = System.nanoTime();
      Runnable[] pump = new Runnable[1];
      pump[0] = () -> {
        int k = next.getAndIncrement();
        if (k > total) return;
        pub.publish(payload(k, cfg.payloadBytes)).onComplete(ar -> {
          if (ar.failed()) failures.incrementAndGet();
          done.countDown();
          pump[0].run();
        });
      };
      for (int i = 0; i < inFlight; i++) vertx.runOnContext(v -> pump[0].run());
      done.await(300, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long expected = (long) subs.connected.get() * total;
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (delivered.get() < expected && System.nanoTime() < deadline) Thread.sleep(50);
      double deliveredSeconds = (System.nanoTime() - t0) / 1e9;
      subs.closeAll();
      return String.format("{\"mode\":\"throughput\",\"target\":\"%s\",\"subscribers\":%d,\"connected\":%d,\"messages\":%d,"
              + "\"failures\":%d,\"acked_per_s\":%.0f,\"delivered\":%d,\"expected\":%d,\"all_delivered_s\":%.2f}",
          cfg.target, cfg.subscribers, subs.connected.get(), total, failures.get(), total / seconds, delivered.get(), expected,
          deliveredSeconds);
    }
  }

  /** Reconnect storm: all subscribers drop, messages are published, all reconnect at once with Last-Event-ID. */
  static final class StormRun {
    final Vertx vertx;
    final Cfg cfg;

    StormRun(Vertx vertx, Cfg cfg) {
      this.vertx = vertx;
      this.cfg = cfg;
    }

    String run() throws Exception {
      int n = cfg.subscribers;
      int missed = cfg.messages;
      var got = new AtomicLongArray(n);
      var phase = new AtomicInteger(0);
      var caughtUp = new AtomicInteger();
      var subs = new Subscribers(vertx, cfg, n, (i, seq, id) -> {
        if (phase.get() == 1 && seq >= 2 && seq <= missed + 1) {
          if (got.incrementAndGet(i) == missed) caughtUp.incrementAndGet();
        }
      });
      subs.connect(0, n, null);
      var pub = new Publisher(vertx, cfg, 1);
      pub.publish(payload(1, cfg.payloadBytes)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline && countNonNull(subs.lastIds) < subs.connected.get()) Thread.sleep(20);
      var resume = new HashMap<Integer, String>();
      for (int i = 0; i < n; i++) if (subs.lastIds[i] != null) resume.put(i, subs.lastIds[i]);
      subs.closeAll();
      Thread.sleep(2000); // all closed before the missed messages go out
      for (int k = 2; k <= missed + 1; k++) {
        pub.publish(payload(k, cfg.payloadBytes)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      phase.set(1);
      subs.connected.set(0);
      long t0 = System.nanoTime();
      var storm = new Subscribers(vertx, cfg, n, (i, seq, id) -> {
        if (seq >= 2 && seq <= missed + 1 && got.incrementAndGet(i) == missed) caughtUp.incrementAndGet();
      });
      // Every client at once: no waves, as after a node restart.
      var opened = new CountDownLatch(n);
      for (int i = 0; i < n; i++) storm.open(i, resume.get(i), opened);
      opened.await(120, TimeUnit.SECONDS);
      long end = System.nanoTime() + 120_000_000_000L;
      while (caughtUp.get() < resume.size() && System.nanoTime() < end) Thread.sleep(10);
      double seconds = (System.nanoTime() - t0) / 1e9;
      storm.closeAll();
      return String.format("{\"mode\":\"storm\",\"target\":\"%s\",\"subscribers\":%d,\"resumed\":%d,\"missed_messages\":%d,"
              + "\"caught_up\":%d,\"caught_up_s\":%.2f}",
          cfg.target, n, resume.size(), missed, caughtUp.get(), seconds);
    }

    static int countNonNull(String[] a) {
      int c = 0;
      for (String s : a) if (s != null) c++;
      return c;
    }
  }
}
