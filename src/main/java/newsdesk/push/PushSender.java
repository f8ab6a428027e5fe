package newsdesk.push;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Sends one encrypted, VAPID-signed message to one push service endpoint and sorts the answer.
 *
 * <p>One {@link HttpClient} for all services: HTTP/2 where the service offers it, connections
 * reused across messages. At most {@code concurrencyPerOrigin} requests are open to one push
 * service at a time, so a burst of a million deliveries queues here instead of opening a million
 * streams against one vendor. {@link #send} blocks: call it from a virtual thread.
 */
public final class PushSender implements AutoCloseable {
  private static final int MAX_DETAIL = 500;

  private final VapidJwt vapid;
  private final Aes128Gcm aes = new Aes128Gcm();
  private final HttpClient http;
  private final int concurrencyPerOrigin;
  private final Duration timeout;
  private final ConcurrentHashMap<String, Semaphore> perOrigin = new ConcurrentHashMap<>();

  public PushSender(VapidJwt vapid, int concurrencyPerOrigin, Duration timeout) {
    if (concurrencyPerOrigin < 1) throw new IllegalArgumentException("concurrency must be at least 1");
    this.vapid = vapid;
    this.concurrencyPerOrigin = concurrencyPerOrigin;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Encrypts {@code message} for {@code target}, sends it, and says what the service answered. */
  public PushResult send(PushTarget target, PushMessage message) {
    String origin = target.origin();
    byte[] body = aes.encrypt(message.plaintext(), target.p256dh(), target.auth());
    var request = HttpRequest.newBuilder(target.endpoint())
        .timeout(timeout)
        .header("TTL", Long.toString(message.ttl().toSeconds()))
        .header("Urgency", message.urgency().wire())
        .header("Content-Encoding", "aes128gcm")
        .header("Content-Type", "application/octet-stream")
        .header("Authorization", vapid.authorization(origin));
    if (message.topic() != null) request.header("Topic", message.topic());
    request.POST(HttpRequest.BodyPublishers.ofByteArray(body));

    Semaphore gate = perOrigin.computeIfAbsent(origin, o -> new Semaphore(concurrencyPerOrigin));
    try {
      gate.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PushResult.networkError("interrupted");
    }
    try {
      HttpResponse<byte[]> res = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      int status = res.statusCode();
      String detail = status >= 200 && status < 300 ? "" : detail(res.body());
      return PushResult.of(status, retryAfter(res.headers().firstValue("Retry-After").orElse(null)), detail);
    } catch (IOException e) {
      return PushResult.networkError(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PushResult.networkError("interrupted");
    } finally {
      gate.release();
    }
  }

  /** {@code Retry-After} as seconds or an HTTP date (RFC 9110 §10.2.3); null if absent or unreadable. */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) return null;
    String v = value.strip();
    if (v.matches("[0-9]{1,9}")) return Duration.ofSeconds(Long.parseLong(v));
    try {
      var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String detail(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8).replaceAll("[\\r\\n\\t]+", " ").strip();
    return s.length() > MAX_DETAIL ? s.substring(0, MAX_DETAIL) + "…" : s;
  }

  @Override
  public void close() {
    http.close();
  }
}
