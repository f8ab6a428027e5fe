package newsdesk.mercure;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;

/** Publishing and subscribing to a test server's Mercure hub the way a Mercure client does. */
final class MercureSupport {
  private MercureSupport() {}

  static String form(String... pairs) {
    var parts = new ArrayList<String>();
    for (int i = 0; i < pairs.length; i += 2) {
      parts.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return String.join("&", parts);
  }

  static HttpResponse<String> publish(TestServer server, String jwt, String body) {
    var b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/.well-known/mercure"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (jwt != null) b.header("Authorization", "Bearer " + jwt);
    try {
      return TestServer.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String subscribeUrl(TestServer server, List<String> selectors, String extraQuery) {
    var q = new StringBuilder(server.baseUrl() + "/.well-known/mercure?");
    for (String s : selectors) q.append("topic=").append(URLEncoder.encode(s, StandardCharsets.UTF_8)).append('&');
    if (extraQuery != null) q.append(extraQuery);
    return q.toString();
  }

  static SseClient subscribe(TestServer server, String jwt, String lastEventId, String... selectors) {
    Map<String, String> headers = jwt == null ? Map.of() : Map.of("Authorization", "Bearer " + jwt);
    return SseClient.open(subscribeUrl(server, List.of(selectors), null), lastEventId, headers);
  }
}
