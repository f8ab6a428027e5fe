package newsdesk.mercure;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsdesk.testing.Jwts;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;

/** Draft-08 (Mercure 1.0) clients of a test server's hub: access tokens, match parameters. */
final class Mercure08Support {
  static final String ISSUER = "https://issuer.example";

  private Mercure08Support() {}

  static String hubUrl(TestServer server) {
    return server.baseUrl() + "/.well-known/mercure";
  }

  static Map<String, String> settings() {
    return Map.of("mercure.publisher-key", Jwts.PUBLISHER_KEY, "mercure.subscriber-key", Jwts.SUBSCRIBER_KEY,
        "mercure.issuer", ISSUER);
  }

  /** A subscriber's access token granting {@code details}. */
  static String subscriberToken(TestServer server, List<?> details) {
    return Jwts.accessToken(Jwts.SUBSCRIBER_KEY, hubUrl(server), ISSUER, Instant.now().plusSeconds(3600), details);
  }

  /** A publisher's access token granting publish on every topic. */
  static String publisherToken(TestServer server) {
    return Jwts.accessToken(Jwts.PUBLISHER_KEY, hubUrl(server), ISSUER, Instant.now().plusSeconds(3600),
        List.of(Jwts.detail(List.of("publish"), "exact:*")));
  }

  /** The hub URL with these query pairs, form-encoded as URLSearchParams would. */
  static String url(TestServer server, String... pairs) {
    var q = new StringBuilder(hubUrl(server)).append('?');
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) q.append('&');
      q.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  static SseClient open(String url, String token, String lastEventId) {
    return SseClient.open(url, lastEventId, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  /** A request whose answer is not a stream (an error, the metadata). */
  static HttpResponse<String> get(String url, Map<String, String> headers) {
    var b = HttpRequest.newBuilder(URI.create(url));
    headers.forEach(b::header);
    return TestServer.exchange(b.build());
  }
}
