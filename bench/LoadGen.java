// The load generator for bench/run: opens N SSE subscribers (source addresses spread over
// 127.0.0.2-9 so ephemeral ports do not run out), publishes M messages at a fixed gap, and reports
// publish-to-receive latency, delivery, server memory and CPU as one JSON line.
// Run with the Newsdesk jar on the class path (it brings Vert.x and nimbus-jose-jwt):
//   java -cp target/newsdesk.jar bench/LoadGen.java --target newsdesk --port 8080 --subscribers 1000 ...
// Publisher and subscribers share this process's clock, so a latency is two System.nanoTime() reads.
// A cluster: --port is the node publishes go to, --sub-ports P1,P2,... the nodes subscribers are
// spread over (round robin; default --port), --server-pid a comma list whose memory and CPU are
// summed; --tls 1 speaks HTTPS (any certificate), as to the nginx front of deploy/.

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

public final class LoadGen {
  static final String CHANNEL = "bench";

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = args(argv);
    var cfg = new Cfg(a);
    try {
      String result = switch (a.getOrDefault("mode", "latency")) {
        case "latency" -> new LatencyRun(cfg).run();
        case "throughput" -> new ThroughputRun(cfg).run();
        case "storm" -> new StormRun(cfg).run();
        default -> throw new IllegalArgumentException("mode: latency | throughput | storm");
      };
      System.out.println(result);
      if (a.containsKey("out")) Files.writeString(Path.of(a.get("out")), result + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } finally {
      Subscribers.GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS);
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
    final long[] serverPids;
    final int[] subPorts;
    final boolean tls;
    final io.netty.handler.ssl.SslContext nettyTls;
    final javax.net.ssl.SSLSocketFactory socketTls;
    final int warmup;
    final int prewarm;
    final int publishers;
    final String jwt;

    Cfg(Map<String, String> a) throws Exception {
      target = a.getOrDefault("target", "newsdesk");
      host = a.getOrDefault("host", "127.0.0.1");
      port = Integer.parseInt(a.getOrDefault("port", "8080"));
      subscribers = Integer.parseInt(a.getOrDefault("subscribers", "1000"));
      messages = Integer.parseInt(a.getOrDefault("messages", "20"));
      gapMs = Long.parseLong(a.getOrDefault("gap-ms", "500"));
      payloadBytes = Integer.parseInt(a.getOrDefault("payload-bytes", "200"));
      serverPids = Arrays.stream(a.getOrDefault("server-pid", "0").split(",")).filter(s -> !s.isEmpty())
          .mapToLong(Long::parseLong).toArray();
      subPorts = a.containsKey("sub-ports")
          ? Arrays.stream(a.get("sub-ports").split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {port};
      tls = Set.of("1", "true").contains(a.getOrDefault("tls", "0"));
      nettyTls = tls ? io.netty.handler.ssl.SslContextBuilder.forClient()
          .trustManager(io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE).build() : null;
      if (tls) {
        var context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        socketTls = context.getSocketFactory();
      } else {
        socketTls = null;
      }
      warmup = Integer.parseInt(a.getOrDefault("warmup", "30"));
      prewarm = Integer.parseInt(a.getOrDefault("prewarm", "3000"));
      publishers = Integer.parseInt(a.getOrDefault("publishers", "8")); // throughput mode: publishes in flight
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

  /**
   * Publishes over one keep-alive HTTP/1.1 connection, blocking the calling thread until the
   * server has acknowledged. A bare socket on the caller's thread: no hop to an event loop and
   * back on either side of the measurement, and nothing queued behind the subscribers' reads, so
   * the figure is the server's, not the load generator's.
   */
  static final class Publisher implements AutoCloseable {
    final Cfg cfg;
    final String host;
    Socket socket;
    java.io.InputStream in;
    java.io.OutputStream out;

    Publisher(Cfg cfg) {
      this.cfg = cfg;
      this.host = cfg.host;
    }

    /** Sends one message; returns the response body, or throws on a non-2xx answer. */
    String publish(String data) throws java.io.IOException {
      if (socket == null) {
        socket = cfg.tls ? cfg.socketTls.createSocket(cfg.host, cfg.port) : new Socket(cfg.host, cfg.port);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
      }
      byte[] body = (cfg.newsdesk()
          ? "topic=" + CHANNEL + "&data=" + java.net.URLEncoder.encode(data, StandardCharsets.UTF_8)
          : data).getBytes(StandardCharsets.UTF_8);
      String head = "POST " + (cfg.newsdesk() ? "/.well-known/mercure" : "/pub?id=" + CHANNEL) + " HTTP/1.1\r\n"
          + "Host: " + host + "\r\nContent-Length: " + body.length + "\r\n"
          + (cfg.newsdesk()
              ? "Content-Type: application/x-www-form-urlencoded\r\nAuthorization: Bearer " + cfg.jwt + "\r\n"
              : "Content-Type: application/json\r\n")
          + "\r\n";
      byte[] h = head.getBytes(StandardCharsets.US_ASCII);
      byte[] request = Arrays.copyOf(h, h.length + body.length);
      System.arraycopy(body, 0, request, h.length, body.length);
      out.write(request);
      out.flush();
      String status = line();
      int length = -1;
      boolean chunked = false;
      boolean closing = false;
      for (String l; !(l = line()).isEmpty(); ) {
        String lower = l.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("content-length:")) length = Integer.parseInt(l.substring(15).trim());
        if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
        // nginx ends a keep-alive connection after 1,000 requests; the next publish reconnects.
        if (lower.startsWith("connection:") && lower.contains("close")) closing = true;
      }
      var b = new java.io.ByteArrayOutputStream();
      if (chunked) {
        for (int n; (n = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; line()) b.write(in.readNBytes(n));
        while (!line().isEmpty()) { } // trailers
      } else if (length >= 0) {
        b.write(in.readNBytes(length));
      }
      String response = b.toString(StandardCharsets.UTF_8);
      if (closing) close();
      if (!status.startsWith("HTTP/1.1 2")) throw new IllegalStateException("publish answered " + status + ": " + response);
      return response;
    }

    private String line() throws java.io.IOException {
      var sb = new StringBuilder();
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) throw new java.io.EOFException("the server closed the publishing connection");
        if (c != '\r') sb.append((char) c);
      }
      return sb.toString();
    }

    @Override
    public void close() throws java.io.IOException {
      if (socket != null) socket.close();
      socket = null;
    }
  }

  /**
   * N raw SSE connections on bare Netty (epoll, two loops): each read is scanned in place for
   * lines, with nothing allocated per event but an id string where one is kept. A lean reader
   * matters here: the load generator shares the two cores with the server, and every microsecond
   * it spends per event is one the server does not get.
   */
  static final class Subscribers {
    interface OnEvent {
      void event(int subscriber, int seq, String id);
    }

    static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
    final Channel[] sockets;
    final String[] lastIds;
    final AtomicInteger connected = new AtomicInteger();
    final Cfg cfg;
    final OnEvent onEvent;
    final boolean keepIds;
    /** A subscriber the server drops comes back with Last-Event-ID, as EventSource does. */
    volatile boolean resumeOnDrop;
    volatile boolean closing;
    final AtomicInteger resumed = new AtomicInteger();

    Subscribers(Cfg cfg, int n, boolean keepIds, OnEvent onEvent) {
      this.cfg = cfg;
      this.onEvent = onEvent;
      this.keepIds = keepIds;
      this.sockets = new Channel[n];
      this.lastIds = new String[n];
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
      open(i, lastEventId, opened, true);
    }

    /** @param counts whether its stream counts as a subscriber (not when it resumes one already counted) */
    void open(int i, String lastEventId, CountDownLatch opened, boolean counts) {
      var parser = new LineParser(i, opened, counts);
      // A resumed stream resumes from the same id if it drops again before its first event.
      if (resumeOnDrop && lastEventId != null) parser.resumeFrom(lastEventId);
      var bootstrap = new Bootstrap().group(GROUP).channel(EpollSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.SO_RCVBUF, 16 * 1024)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
          .handler(new io.netty.channel.ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
              if (cfg.tls) ch.pipeline().addLast(cfg.nettyTls.newHandler(ch.alloc(), cfg.host, cfg.port));
              ch.pipeline().addLast(parser);
            }
          });
      bootstrap.connect(new InetSocketAddress(cfg.host, cfg.subPorts[i % cfg.subPorts.length]), new InetSocketAddress("127.0.0." + (2 + i % 8), 0))
          .addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
              System.err.println("loadgen: connect failed: " + f.cause());
              parser.closed();
              return;
            }
            sockets[i] = f.channel();
            String req = "GET " + cfg.subscribePath() + " HTTP/1.1\r\nHost: " + cfg.host + "\r\nAccept: text/event-stream\r\n"
                + (lastEventId != null ? "Last-Event-ID: " + lastEventId + "\r\n" : "") + "\r\n";
            f.channel().writeAndFlush(Unpooled.copiedBuffer(req, StandardCharsets.US_ASCII));
          });
    }

    void closeAll() {
      closing = true;
      for (Channel s : sockets) if (s != null) s.close();
    }

    final class LineParser extends ChannelInboundHandlerAdapter {
      final int index;
      final CountDownLatch opened;
      boolean headersDone;
      boolean counted;
      String statusLine;
      final byte[] line = new byte[8192];
      int length;
      String pendingId;

      final boolean counts;
      // The id of the last whole event, as bytes (no String per event) for resuming after a drop.
      final byte[] id = new byte[256];
      final byte[] lastId = new byte[256];
      int idLength;
      int lastIdLength;

      LineParser(int index, CountDownLatch opened, boolean counts) {
        this.index = index;
        this.opened = opened;
        this.counts = counts;
      }

      void resumeFrom(String lastEventId) {
        byte[] bytes = lastEventId.getBytes(StandardCharsets.UTF_8);
        lastIdLength = Math.min(bytes.length, lastId.length);
        System.arraycopy(bytes, 0, lastId, 0, lastIdLength);
      }

      void closed() {
        if (!counted) {
          counted = true;
          opened.countDown();
        }
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        closed();
        if (resumeOnDrop && !closing && headersDone && lastIdLength > 0) {
          resumed.incrementAndGet();
          open(index, new String(lastId, 0, lastIdLength, StandardCharsets.UTF_8), new CountDownLatch(1), false);
        }
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf b = (ByteBuf) msg;
        try {
          int i = b.readerIndex();
          int end = b.writerIndex();
          while (i < end) {
            int lf = b.indexOf(i, end, (byte) '\n');
            int stop = lf < 0 ? end : lf;
            int take = Math.min(stop - i, line.length - length);
            if (take > 0) {
              b.getBytes(i, line, length, take);
              length += take;
            }
            if (lf < 0) break;
            line(length);
            length = 0;
            i = lf + 1;
          }
        } finally {
          b.release();
        }
      }

      void line(int to) {
        int end = to > 0 && line[to - 1] == '\r' ? to - 1 : to;
        if (!headersDone) {
          if (statusLine == null) statusLine = new String(line, 0, end, StandardCharsets.US_ASCII);
          if (end == 0) {
            headersDone = true;
            if (!counted) {
              counted = true;
              // Only a stream counts as a subscriber; a refusal (429, 503) is reported, not counted.
              if (!statusLine.startsWith("HTTP/1.1 200")) System.err.println("loadgen: subscriber refused: " + statusLine);
              else if (counts) connected.incrementAndGet();
              opened.countDown();
            }
          }
          return;
        }
        if (startsWith(end, "id:")) {
          int from = end > 3 && line[3] == ' ' ? 4 : 3;
          pendingId = keepIds ? new String(line, from, end - from, StandardCharsets.UTF_8) : "";
          if (resumeOnDrop) {
            idLength = Math.min(end - from, id.length);
            System.arraycopy(line, from, id, 0, idLength);
          }
        } else if (startsWith(end, "data: {\"seq\":") || startsWith(end, "data:{\"seq\":")) {
          int p = indexOf(end, (byte) ':', 2) + 1; // after "seq":
          int seq = 0;
          while (p < end && line[p] >= '0' && line[p] <= '9') seq = seq * 10 + (line[p++] - '0');
          if (keepIds && pendingId != null) lastIds[index] = pendingId;
          if (resumeOnDrop && pendingId != null) {
            System.arraycopy(id, 0, lastId, 0, idLength);
            lastIdLength = idLength;
          }
          onEvent.event(index, seq, pendingId);
          pendingId = null;
        }
      }

      boolean startsWith(int end, String prefix) {
        if (end < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (line[i] != prefix.charAt(i)) return false;
        return true;
      }

      int indexOf(int end, byte b, int nth) {
        for (int i = 0; i < end; i++) if (line[i] == b && --nth == 0) return i;
        return end;
      }
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

  static long rssKb(long[] pids) throws Exception {
    long sum = 0;
    for (long pid : pids) sum += rssKb(pid);
    return sum;
  }

  static double cpuSeconds(long[] pids) throws Exception {
    double sum = 0;
    for (long pid : pids) sum += cpuSeconds(pid);
    return sum;
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
    final Cfg cfg;

    LatencyRun(Cfg cfg) {
      this.cfg = cfg;
    }

    String run() throws Exception {
      int n = cfg.subscribers;
      int m = cfg.messages;
      long[] sentAt = new long[m + 1];
      // One slot per message and subscriber, written only by that subscriber's loop: no counter
      // shared between the two loops on the path of every event.
      long[][] latency = new long[m + 1][];
      for (int k = 1; k <= m; k++) latency[k] = new long[n];
      var delivered = new LongAdder();
      var subs = new Subscribers(cfg, n, false, (i, seq, id) -> {
        if (seq < 1 || seq > m) return;
        latency[seq][i] = System.nanoTime() - sentAt[seq];
        delivered.increment();
      });
      // Newsdesk first takes publishes to nobody, back to back: a server that has been up a while
      // has compiled its publish path, and a JIT still interpreting it would be measured instead
      // (paced publishes here: 4 ms p50 before, 2 ms after). nchan, compiled ahead of time, has no
      // such warm-up to do.
      if (cfg.newsdesk()) {
        try (var early = new Publisher(cfg)) {
          for (int w = 0; w < cfg.prewarm; w++) early.publish(payload(0, cfg.payloadBytes));
        }
      }
      // A warm-up wave first, so "before" already includes what any first connections cost once
      // (JIT-compiled code, thread caches, pools) and the difference is what each connection holds.
      var warm = new Subscribers(cfg, Math.min(n, 1000), false, (i, seq, id) -> {});
      warm.connect(0, Math.min(n, 1000), null);
      warm.closeAll();
      Thread.sleep(2000);
      long rssBefore = rssKb(cfg.serverPids);
      long t0 = System.nanoTime();
      subs.connect(0, n, null);
      double connectSeconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(2000); // let the server settle before reading its memory
      long rssAfter = rssKb(cfg.serverPids);
      double cpu0 = cpuSeconds(cfg.serverPids);
      double ownCpu0 = cpuSeconds(ProcessHandle.current().pid());
      var pub = new Publisher(cfg);
      // The publisher stands in for a newsroom on another machine. Here it shares 2 cores with the
      // fan-out its own publish sets off, and its thread waited up to 5 ms for a core to read an
      // acknowledgement the server had already sent (ftrace: woken at 2.1 ms, ran at 6.9 ms, the
      // server's event loop writing the fan-out kept the core until the next 4 ms tick, even
      // against nice -19). So this one thread runs at SCHED_FIFO priority 1, which takes a core the
      // moment it wakes (root only; otherwise it says so and runs as is). It sleeps between
      // publishes, so it takes nothing else from either server.
      raisePriority();
      // Warm-up messages (seq 0, not counted) let both JITs and connection pools settle first.
      for (int w = 0; w < cfg.warmup; w++) {
        pub.publish(payload(0, cfg.payloadBytes));
        Thread.sleep(cfg.gapMs);
      }
      long[] ackNanos = new long[m + 1];
      long[] sentMillis = new long[m + 1]; // wall clock, to match a slow message with the server's logs
      for (int k = 1; k <= m; k++) {
        long start = System.nanoTime();
        sentAt[k] = start;
        sentMillis[k] = System.currentTimeMillis();
        pub.publish(payload(k, cfg.payloadBytes));
        ackNanos[k] = System.nanoTime() - start;
        long wait = cfg.gapMs * 1_000_000 - (System.nanoTime() - start);
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      long expected = (long) subs.connected.get() * m;
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (delivered.sum() < expected && System.nanoTime() < deadline) Thread.sleep(50);
      double cpu = cpuSeconds(cfg.serverPids) - cpu0;
      double ownCpu = cpuSeconds(ProcessHandle.current().pid()) - ownCpu0;
      subs.closeAll();
      pub.close();

      var all = new ArrayList<Long>();
      var perMessage = new StringBuilder("[");
      for (int k = 1; k <= m; k++) {
        long[] s = Arrays.stream(latency[k]).filter(v -> v > 0).sorted().toArray();
        int c = s.length;
        for (long v : s) all.add(v);
        if (k > 1) perMessage.append(',');
        perMessage.append(String.format("{\"seq\":%d,\"received\":%d,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"ack_ms\":%.2f,\"sent_ms\":%d}",
            k, c, percentile(s, 0.5) / 1e6, percentile(s, 0.99) / 1e6, c == 0 ? -1 : s[c - 1] / 1e6, ackNanos[k] / 1e6, sentMillis[k]));
      }
      perMessage.append(']');
      long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
      long[] acks = Arrays.copyOfRange(ackNanos, 1, m + 1);
      Arrays.sort(acks);
      int connected = subs.connected.get();
      return String.format(
          "{\"mode\":\"latency\",\"target\":\"%s\",\"subscribers\":%d,\"connected\":%d,\"messages\":%d,\"delivered\":%d,\"expected\":%d,"
              + "\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"ack_p50_ms\":%.2f,\"ack_p99_ms\":%.2f,"
              + "\"rss_before_kb\":%d,\"rss_after_kb\":%d,\"kb_per_connection\":%.2f,\"server_cpu_s\":%.2f,\"loadgen_cpu_s\":%.2f,\"connect_s\":%.1f,"
              + "\"per_message\":%s}",
          cfg.target, n, connected, m, delivered.sum(), expected,
          percentile(sorted, 0.5) / 1e6, percentile(sorted, 0.99) / 1e6, sorted.length == 0 ? -1 : sorted[sorted.length - 1] / 1e6,
          percentile(acks, 0.5) / 1e6, percentile(acks, 0.99) / 1e6,
          rssBefore, rssAfter, connected == 0 ? 0 : (rssAfter - rssBefore) / (double) connected, cpu, ownCpu, connectSeconds,
          perMessage);
    }
  }

  /** Puts the calling thread alone at SCHED_FIFO 1 (Java's thread priorities would also move the JVM's own threads). */
  static void raisePriority() throws Exception {
    String tid = Path.of("/proc/thread-self").toRealPath().getFileName().toString();
    var p = new ProcessBuilder("chrt", "--fifo", "--pid", "1", tid).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) System.err.println("loadgen: publisher runs at normal priority (" + said + ")");
  }

  /** Publish throughput: acknowledged messages per second with a few publishes in flight. */
  static final class ThroughputRun {
    final Cfg cfg;

    ThroughputRun(Cfg cfg) {
      this.cfg = cfg;
    }

    String run() throws Exception {
      var delivered = new AtomicLong();
      var subs = new Subscribers(cfg, cfg.subscribers, false, (i, seq, id) -> delivered.incrementAndGet());
      subs.resumeOnDrop = true; // a reader dropped as too slow resumes, as a browser's would
      subs.connect(0, cfg.subscribers, null);
      int inFlight = cfg.publishers;
      int total = cfg.messages;
      var next = new AtomicInteger(1);
      var failures = new AtomicInteger();
      long t0 = System.nanoTime();
      var publishers = new ArrayList<Thread>();
      for (int t = 0; t < inFlight; t++) {
        publishers.add(Thread.ofPlatform().start(() -> {
          try (var pub = new Publisher(cfg)) {
            for (int k; (k = next.getAndIncrement()) <= total; ) {
              try {
                pub.publish(payload(k, cfg.payloadBytes));
              } catch (RuntimeException e) {
                failures.incrementAndGet();
              }
            }
          } catch (java.io.IOException e) {
            System.err.println("loadgen: publisher failed: " + e);
            failures.incrementAndGet();
          }
        }));
      }
      for (Thread t : publishers) t.join(300_000);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long expected = (long) subs.connected.get() * total;
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (delivered.get() < expected && System.nanoTime() < deadline) Thread.sleep(50);
      double deliveredSeconds = (System.nanoTime() - t0) / 1e9;
      subs.closeAll();
      return String.format("{\"mode\":\"throughput\",\"target\":\"%s\",\"subscribers\":%d,\"connected\":%d,\"messages\":%d,"
              + "\"publishers\":%d,\"failures\":%d,\"acked_per_s\":%.0f,\"delivered\":%d,\"expected\":%d,\"all_delivered_s\":%.2f,"
              + "\"resumed\":%d}",
          cfg.target, cfg.subscribers, subs.connected.get(), total, inFlight, failures.get(), (total - failures.get()) / seconds, delivered.get(),
          expected, deliveredSeconds, subs.resumed.get());
    }
  }

  /** Reconnect storm: all subscribers drop, messages are published, all reconnect at once with Last-Event-ID. */
  static final class StormRun {
    final Cfg cfg;

    StormRun(Cfg cfg) {
      this.cfg = cfg;
    }

    String run() throws Exception {
      int n = cfg.subscribers;
      int missed = cfg.messages;
      var got = new AtomicLongArray(n);
      var phase = new AtomicInteger(0);
      var caughtUp = new AtomicInteger();
      var subs = new Subscribers(cfg, n, true, (i, seq, id) -> {
        if (phase.get() == 1 && seq >= 2 && seq <= missed + 1) {
          if (got.incrementAndGet(i) == missed) caughtUp.incrementAndGet();
        }
      });
      subs.connect(0, n, null);
      var pub = new Publisher(cfg);
      pub.publish(payload(1, cfg.payloadBytes));
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline && countNonNull(subs.lastIds) < subs.connected.get()) Thread.sleep(20);
      var resume = new HashMap<Integer, String>();
      for (int i = 0; i < n; i++) if (subs.lastIds[i] != null) resume.put(i, subs.lastIds[i]);
      subs.closeAll();
      Thread.sleep(2000); // all closed before the missed messages go out
      for (int k = 2; k <= missed + 1; k++) {
        pub.publish(payload(k, cfg.payloadBytes));
      }
      phase.set(1);
      subs.connected.set(0);
      double cpu0 = cpuSeconds(cfg.serverPids);
      double ownCpu0 = cpuSeconds(ProcessHandle.current().pid());
      long t0 = System.nanoTime();
      var storm = new Subscribers(cfg, n, true, (i, seq, id) -> {
        if (seq >= 2 && seq <= missed + 1 && got.incrementAndGet(i) == missed) caughtUp.incrementAndGet();
      });
      // Every client at once: no waves, as after a node restart.
      var opened = new CountDownLatch(n);
      for (int i = 0; i < n; i++) storm.open(i, resume.get(i), opened);
      opened.await(120, TimeUnit.SECONDS);
      long end = System.nanoTime() + 120_000_000_000L;
      while (caughtUp.get() < resume.size() && System.nanoTime() < end) Thread.sleep(10);
      double seconds = (System.nanoTime() - t0) / 1e9;
      // Whose CPU the storm took: when the load generator's own is most of it, the client sets the pace.
      double cpu = cpuSeconds(cfg.serverPids) - cpu0;
      double ownCpu = cpuSeconds(ProcessHandle.current().pid()) - ownCpu0;
      storm.closeAll();
      pub.close();
      return String.format("{\"mode\":\"storm\",\"target\":\"%s\",\"subscribers\":%d,\"resumed\":%d,\"missed_messages\":%d,"
              + "\"caught_up\":%d,\"caught_up_s\":%.2f,\"server_cpu_s\":%.2f,\"loadgen_cpu_s\":%.2f}",
          cfg.target, n, resume.size(), missed, caughtUp.get(), seconds, cpu, ownCpu);
    }

    static int countNonNull(String[] a) {
      int c = 0;
      for (String s : a) if (s != null) c++;
      return c;
    }
  }
}
