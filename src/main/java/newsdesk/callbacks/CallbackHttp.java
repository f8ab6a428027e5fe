package newsdesk.callbacks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one HTTP client that calls subscribers back. Before each request the host is resolved and
 * checked ({@link CallbackAddresses#pin}) and the connection goes to exactly that address, while
 * the request carries the name: in {@code Host}, in TLS's SNI, and as the name the certificate must
 * be valid for. So DNS that changes between the check and the connection (rebinding) cannot send
 * the request elsewhere. Redirects are never followed (one could lead to an address the rules
 * refuse), every request is bounded in time. Blocks: call from virtual threads.
 */
public final class CallbackHttp implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** Bodies read back (a verification's challenge) are cut off here. */
  static final int MAX_READ = 4_096;
  private final HttpClientAgent client;
  private final CallbackAddresses addresses;
  private final Duration timeout;

  /** What a callback answered: its status and (for a GET) the start of its body. */
  public record Answer(int status, String body) {}

  public CallbackHttp(Vertx vertx, CallbackAddresses addresses) {
    this(vertx, addresses, null);
  }

  /** @param trust the certificates trusted for https callbacks; null: the JDK's default ones */
  public CallbackHttp(Vertx vertx, CallbackAddresses addresses, TrustOptions trust) {
    this(vertx, addresses, trust, TIMEOUT);
  }

  /** @param timeout for connecting and between bytes; a whole request gets three times it */
  CallbackHttp(Vertx vertx, CallbackAddresses addresses, TrustOptions trust, Duration timeout) {
    this.addresses = addresses;
    this.timeout = timeout;
    var options = new HttpClientOptions()
        .setConnectTimeout((int) timeout.toMillis())
        .setVerifyHost(true); // the certificate must be valid for the name, not the pinned address
    if (trust != null) options.setTrustOptions(trust);
    this.client = vertx.createHttpClient(options);
  }

  public CallbackAddresses addresses() {
    return addresses;
  }

  /** A GET whose body (at most {@link #MAX_READ} bytes, as text) comes back with the status. */
  public Answer get(URI uri) throws IOException, InterruptedException, CallbackRefused {
    return send(uri, HttpMethod.GET, null);
  }

  /** A POST of {@code request}; returns the status (the body is discarded). */
  public int post(URI uri, CallbackRequest request) throws IOException, InterruptedException, CallbackRefused {
    return send(uri, HttpMethod.POST, request).status();
  }

  private Answer send(URI uri, HttpMethod method, CallbackRequest request)
      throws IOException, InterruptedException, CallbackRefused {
    InetAddress pinned = addresses.pin(uri);
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    var options = new RequestOptions().setMethod(method)
        .setServer(SocketAddress.inetSocketAddress(port, pinned.getHostAddress()))
        .setHost(host).setPort(port).setSsl(tls).setURI(path).setFollowRedirects(false)
        .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis())
        .putHeader("User-Agent", "Newsdesk");
    if (request != null) {
      options.putHeader("Content-Type", request.contentType());
      request.headers().forEach((name, values) -> values.forEach(v -> options.addHeader(name, v)));
    }
    var sent = new AtomicReference<HttpClientRequest>();
    Future<Answer> answer = client.request(options).compose(req -> {
      sent.set(req);
      return (request == null ? req.send() : req.send(Buffer.buffer(request.body()))).compose(res -> {
        Buffer head = Buffer.buffer();
        res.handler(chunk -> {
          if (request == null && head.length() < MAX_READ) {
            head.appendBuffer(chunk, 0, Math.min(chunk.length(), MAX_READ - head.length()));
          }
        });
        return res.end().map(v -> new Answer(res.statusCode(), head.toString(StandardCharsets.UTF_8)));
      });
    });
    try {
      return answer.toCompletionStage().toCompletableFuture().get(timeout.toMillis() * 3, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException e) {
      cutOff(sent.get()); // a subscriber that trickles bytes forever is cut off, not left streaming
      throw new IOException("the callback did not answer in time", e);
    } catch (InterruptedException e) {
      cutOff(sent.get());
      throw e;
    }
  }

  private static void cutOff(HttpClientRequest req) {
    if (req != null) req.reset();
  }

  @Override
  public void close() {
    client.close();
  }
}
