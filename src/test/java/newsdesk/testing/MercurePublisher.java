package newsdesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Publishes Mercure updates to a node as a newsroom's publisher does: a form POST to
 * {@code /.well-known/mercure} with a JWT signed with {@link Jwts#PUBLISHER_KEY}. Without an id of
 * the publisher's, the id the node answers is the event's position in the log.
 */
public final class MercurePublisher {
  /** Flags a node needs to take these publishes. */
  public static final List<String> NODE_FLAGS = List.of("--mercure-publisher-key", Jwts.PUBLISHER_KEY);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String JWT = Jwts.publisher(List.of("*"));

  private MercurePublisher() {}

  /**
   * POSTs one public update on {@code topic} to the node at {@code baseUrl}: its answer, or empty
   * when none came (refused, reset, timed out), so whether it was committed is unknown.
   */
  public static Optional<HttpResponse<String>> send(String baseUrl, String topic, String data) {
    try {
      return Optional.of(post(baseUrl, topic, data));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * POSTs one public update with a publisher JWT for every topic.
   *
   * @throws IOException when no answer came (what the client saw)
   */
  public static HttpResponse<String> post(String baseUrl, String topic, String data) throws IOException {
    return post(baseUrl, JWT, topic, null, data);
  }

  /**
   * POSTs one public update with {@code jwt} and, unless null, a publisher's {@code id}.
   *
   * @throws IOException when no answer came
   */
  public static HttpResponse<String> post(String baseUrl, String jwt, String topic, String id, String data)
      throws IOException {
    String form = "topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)
        + (id == null ? "" : "&id=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
        + "&data=" + URLEncoder.encode(data, StandardCharsets.UTF_8);
    var request = HttpRequest.newBuilder(URI.create(baseUrl + "/.well-known/mercure"))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + jwt)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    try {
      return TestServer.http().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Publishes one update that must be acknowledged (200); returns the id the node gave it. */
  public static String publish(String baseUrl, String topic) {
    HttpResponse<String> res = send(baseUrl, topic, "update").orElseThrow(
        () -> new AssertionError("no answer from " + baseUrl + " to a publish"));
    assertThat(res.statusCode()).as("publish to %s: %s", baseUrl, res.body()).isEqualTo(200);
    return res.body();
  }
}
