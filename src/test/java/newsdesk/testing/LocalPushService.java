package newsdesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import newsdesk.push.P256;

/**
 * A push service on 127.0.0.1 that checks each request as a real one would (RFC 8030, 8291, 8292)
 * and decrypts it with the subscriber's private key. Tests script its answers per subscription.
 *
 * <p>Checks: {@code TTL} present and a whole number; {@code Content-Encoding: aes128gcm}; a
 * {@code Topic} of at most 32 base64url characters; a known {@code Urgency}; a body of at most
 * 4096 bytes; {@code Authorization: vapid t=…, k=…} whose ES256 JWT verifies against {@code k},
 * with {@code aud} this service's origin, {@code exp} in the future and at most 24 h ahead, and a
 * {@code mailto:} or {@code https:} {@code sub}; {@code k} equal to the key the subscription was
 * made with. A request that fails a check is answered 400/401/403 and listed in {@link #violations}.
 */
public final class LocalPushService implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One message that passed every check, decrypted. */
  public record Received(String subscription, String plaintext, Map<String, String> headers, Instant at) {
    public JsonNode json() {
      try {
        return JSON.readTree(plaintext);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + plaintext, e);
      }
    }
  }

  /** A scripted answer; {@code retryAfter} may be null. Status {@link #HANG} never answers. */
  public record Answer(int status, String retryAfter) {}

  /** A scripted "status" that holds the request unanswered until {@link #dropHung} cuts it off. */
  public static final int HANG = 0;

  private final Vertx vertx;
  private final HttpServer server;
  private final String origin;
  private final boolean decrypt;
  private final Map<String, PushSubscriber> subscribers = new ConcurrentHashMap<>();
  private final Map<String, String> expectedKey = new ConcurrentHashMap<>();
  private final Map<String, Queue<Answer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, List<Instant>> requestTimes = new ConcurrentHashMap<>();
  private final List<HttpServerRequest> hung = new CopyOnWriteArrayList<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Set<String> verifiedTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();

  private LocalPushService(boolean decrypt) {
    this.decrypt = decrypt;
    this.vertx = Vertx.vertx();
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
            .setHttp2ClearTextEnabled(true).setTcpNoDelay(true))
        .requestHandler(this::handle);
    try {
      server.listen().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("local push service did not start", e);
    }
    this.origin = "http://127.0.0.1:" + server.actualPort();
  }

  public static LocalPushService start() {
    return new LocalPushService(true);
  }

  /** For benchmarks: every check still runs, but bodies are not decrypted (that is the browser's cost). */
  public static LocalPushService startWithoutDecryption() {
    return new LocalPushService(false);
  }

  public String origin() {
    return origin;
  }

  /** A new subscriber and its endpoint; {@code vapidKey} is the applicationServerKey it was made with. */
  public String subscribe(PushSubscriber subscriber, String vapidKey) {
    String id = "s" + ids.incrementAndGet();
    subscribers.put(id, subscriber);
    expectedKey.put(id, vapidKey);
    requests.put(id, new AtomicInteger());
    requestTimes.put(id, new CopyOnWriteArrayList<>());
    return origin + "/push/" + id;
  }

  /** The next answers for the subscription at {@code endpoint}; after them, 201. */
  public void script(String endpoint, Answer... answers) {
    scripts.computeIfAbsent(id(endpoint), k -> new ArrayDeque<>());
    synchronized (scripts) {
      for (Answer a : answers) scripts.get(id(endpoint)).add(a);
    }
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> receivedBy(String endpoint) {
    String id = id(endpoint);
    return received.stream().filter(r -> r.subscription().equals(id)).toList();
  }

  public int requestsTo(String endpoint) {
    return requests.get(id(endpoint)).get();
  }

  public List<Instant> requestTimes(String endpoint) {
    return List.copyOf(requestTimes.get(id(endpoint)));
  }

  public int hungCount() {
    return hung.size();
  }

  /** Cuts the connections of every request held by {@link #HANG}, as a crash on our side would. */
  public void dropHung() {
    for (HttpServerRequest r : hung) r.connection().close();
    hung.clear();
  }

  public int acceptedCount() {
    return accepted.get();
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  private static String id(String endpoint) {
    return endpoint.substring(endpoint.lastIndexOf('/') + 1);
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(buf -> {
      String path = req.path();
      String id = path.startsWith("/push/") ? path.substring(6) : "";
      if (!req.method().name().equals("POST") || !subscribers.containsKey(id)) {
        req.response().setStatusCode(404).end("no such subscription");
        return;
      }
      requests.get(id).incrementAndGet();
      requestTimes.get(id).add(Instant.now());
      String problem = check(req, id, buf.length());
      if (problem != null) {
        violations.add(id + ": " + problem);
        int status = problem.startsWith("auth:") ? 401 : problem.startsWith("size:") ? 413 : 400;
        req.response().setStatusCode(status).end(problem);
        return;
      }
      Answer scripted;
      synchronized (scripts) {
        Queue<Answer> q = scripts.get(id);
        scripted = q == null ? null : q.poll();
      }
      if (scripted != null && scripted.status() == HANG) {
        hung.add(req);
        return;
      }
      if (scripted != null && scripted.status() != 201) {
        var res = req.response().setStatusCode(scripted.status());
        if (scripted.retryAfter() != null) res.putHeader("Retry-After", scripted.retryAfter());
        res.end("scripted " + scripted.status());
        return;
      }
      String plaintext = null;
      if (decrypt) {
        try {
          plaintext = new String(subscribers.get(id).decrypt(buf.getBytes()), StandardCharsets.UTF_8);
        } catch (Exception e) {
          violations.add(id + ": decryption failed: " + e);
          req.response().setStatusCode(400).end("cannot decrypt");
          return;
        }
      }
      var headers = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
      for (String h : List.of("TTL", "Urgency", "Topic", "Content-Encoding", "Authorization")) {
        if (req.getHeader(h) != null) headers.put(h, req.getHeader(h));
      }
      if (decrypt) received.add(new Received(id, plaintext, headers, Instant.now()));
      accepted.incrementAndGet();
      req.response().setStatusCode(201).putHeader("Location", origin + "/message/" + id).end();
    });
  }

  /** Null if the request is one a real push service would take, else what is wrong. */
  private String check(HttpServerRequest req, String id, int length) {
    String ttl = req.getHeader("TTL");
    if (ttl == null || !ttl.matches("[0-9]{1,10}")) return "TTL missing or not a whole number: " + ttl;
    if (!"aes128gcm".equals(req.getHeader("Content-Encoding"))) return "Content-Encoding is not aes128gcm";
    String topic = req.getHeader("Topic");
    if (topic != null && !topic.matches("[A-Za-z0-9_-]{1,32}")) return "bad Topic: " + topic;
    String urgency = req.getHeader("Urgency");
    if (urgency != null && !Set.of("very-low", "low", "normal", "high").contains(urgency)) return "bad Urgency: " + urgency;
    if (length > 4096) return "size: body of " + length + " bytes";
    String auth = req.getHeader("Authorization");
    if (auth == null || !auth.startsWith("vapid ")) return "auth: no vapid Authorization";
    String t = null;
    String k = null;
    for (String part : auth.substring(6).split(",")) {
      String p = part.strip();
      if (p.startsWith("t=")) t = p.substring(2);
      if (p.startsWith("k=")) k = p.substring(2);
    }
    if (t == null || k == null) return "auth: vapid needs t= and k=";
    if (!k.equals(expectedKey.get(id))) return "auth: k is not the key this subscription was made with";
    if (verifiedTokens.contains(auth)) return null; // as real services do: a token checked once is cached
    try {
      var jwt = SignedJWT.parse(t);
      if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) return "auth: alg is not ES256";
      if (!jwt.verify(new ECDSAVerifier(P256.publicKey(P256.unb64(k).orElseThrow())))) return "auth: bad signature";
      var c = jwt.getJWTClaimsSet();
      Object aud = jwt.getPayload().toJSONObject().get("aud");
      if (!origin.equals(aud)) return "auth: aud is " + aud + ", not " + origin;
      Instant now = Instant.now();
      if (c.getExpirationTime() == null) return "auth: no exp";
      Instant exp = c.getExpirationTime().toInstant();
      if (!exp.isAfter(now)) return "auth: expired";
      if (exp.isAfter(now.plusSeconds(24 * 3600))) return "auth: exp more than 24 h ahead";
      String sub = c.getSubject();
      if (sub == null || !(sub.startsWith("mailto:") || sub.startsWith("https:"))) return "auth: sub is " + sub;
    } catch (Exception e) {
      return "auth: unreadable JWT: " + e;
    }
    verifiedTokens.add(auth);
    return null;
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing a test server: nothing to do
    }
  }
}
