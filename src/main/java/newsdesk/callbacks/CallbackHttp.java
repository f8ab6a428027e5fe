package newsdesk.callbacks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The one HTTP client that calls subscribers back: redirects are never followed (a redirect could
 * lead to an address {@link CallbackAddresses} refuses), every request is bounded in time, and the
 * address is checked again just before each request. Blocks: call from virtual threads.
 */
public final class CallbackHttp implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** Bodies read back (a verification's challenge) are cut off here. */
  static final int MAX_READ = 4_096;
  private final HttpClient client = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(TIMEOUT)
      .version(HttpClient.Version.HTTP_1_1)
      .build();
  private final CallbackAddresses addresses;

  public CallbackHttp(CallbackAddresses addresses) {
    this.addresses = addresses;
  }

  public CallbackAddresses addresses() {
    return addresses;
  }

  /** A GET whose body (at most {@link #MAX_READ} bytes, as text) comes back with the status. */
  public HttpResponse<String> get(URI uri) throws IOException, InterruptedException, CallbackRefused {
    addresses.checkAddress(uri);
    var req = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", "Newsdesk").GET().build();
    return client.send(req, info -> HttpResponse.BodySubscribers.mapping(
        HttpResponse.BodySubscribers.ofByteArray(), b -> new String(b, 0, Math.min(b.length, MAX_READ),
            java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** A POST of {@code request}; returns the status (the body is discarded). */
  public int post(URI uri, CallbackRequest request) throws IOException, InterruptedException, CallbackRefused {
    addresses.checkAddress(uri);
    var b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", "Newsdesk")
        .header("Content-Type", request.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
    return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Override
  public void close() {
    client.close();
  }
}
