package newsdesk.web;

import static newsdesk.web.ApiTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import newsdesk.store.Role;
import newsdesk.testing.Await;
import newsdesk.testing.Jwts;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rate limit over real HTTP, at small rates: past its burst a request gets 429 with
 * Retry-After and a rate-limited problem, another key still gets through, and the key recovers.
 * Loopback is a trusted front here, so each test is its own client by X-Forwarded-For.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitsTest {
  private static final Duration RECOVERY = Duration.ofSeconds(10);
  @TempDir static Path dir;
  TestServer server;

  @BeforeAll
  void start() {
    server = TestServer.start(dir, Map.ofEntries(
        Map.entry("limits.trusted-proxies", "127.0.0.1"),
        Map.entry("limits.api-per-second", "1"),
        Map.entry("limits.api-burst", "10"),
        Map.entry("limits.publish-per-second", "1"),
        Map.entry("limits.publish-burst", "2"),
        Map.entry("limits.push-per-second", "1"),
        Map.entry("limits.push-burst", "2"),
        Map.entry("mercure.publisher-key", Jwts.PUBLISHER_KEY)));
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void theApiAnswers429PastAClientsBurstAndOtherClientsGoOn() {
    untilRefused(() -> send("198.51.100.1", "GET", "/api/v1/stories", null, server.editorToken()), 200, 10, 1);
    // Counted before the token is read: a client without one is limited just the same.
    untilRefused(() -> send("198.51.100.3", "GET", "/api/v1/stories", null, null), 401, 10, 1);
    assertThat(send("198.51.100.2", "GET", "/api/v1/stories", null, server.editorToken()).statusCode()).isEqualTo(200);
    awaitRecovery(() -> send("198.51.100.1", "GET", "/api/v1/stories", null, server.editorToken()), 200);
  }

  @Test
  void publishingIsLimitedPerTokenWhateverTheClient() {
    String token = server.app().tokens().create(Role.EDITOR, "busy").secret();
    String other = server.app().tokens().create(Role.EDITOR, "calm").secret();
    var n = new AtomicInteger();
    untilRefused(() -> {
      int i = n.getAndIncrement();
      return story("198.51.100." + (10 + i % 3), token, "story " + i);
    }, 201, 2, 1);
    // Reads are not publishing; another token has its own bucket.
    assertThat(send("198.51.100.12", "GET", "/api/v1/stories", null, token).statusCode()).isEqualTo(200);
    assertThat(story("198.51.100.12", other, "four").statusCode()).isEqualTo(201);
    // Each try from another client, so the per-client API limit never stands in the way.
    awaitRecovery(() -> story("198.51.100." + (100 + n.getAndIncrement() % 100), token, "again"), 201);
  }

  @Test
  void mercurePublishesAreLimitedPerJwt() {
    String jwt = Jwts.publisher(List.of("*"));
    String another = Jwts.hs256(Jwts.PUBLISHER_KEY, List.of("*"), null, java.time.Instant.now().plusSeconds(600));
    String topic = server.baseUrl() + "/limits";
    untilRefused(() -> server.mercurePublish(jwt, topic, null, "a"), 200, 2, 1);
    assertThat(server.mercurePublish(another, topic, null, "d").statusCode()).isEqualTo(200);
    awaitRecovery(() -> server.mercurePublish(jwt, topic, null, "e"), 200);
  }

  @Test
  void pushSubscriptionsAreLimitedPerClient() {
    // An empty object is refused by the route (422) once the limit has let it through.
    var n = new AtomicInteger();
    untilRefused(() -> send("198.51.100.20", n.getAndIncrement() % 2 == 0 ? "POST" : "DELETE", "/push/subscriptions",
        "{}", null), 422, 2, 1);
    assertThat(send("198.51.100.21", "POST", "/push/subscriptions", "{}", null).statusCode()).isEqualTo(422);
    awaitRecovery(() -> send("198.51.100.20", "POST", "/push/subscriptions", "{}", null), 422);
  }

  @Test
  void refusalsAreCountedByLimit() {
    for (int i = 0; i < 12; i++) send("198.51.100.30", "GET", "/api/v1/stories", null, null);
    String metrics = send("198.51.100.31", "GET", "/metrics", null, null).body();
    assertThat(metrics).containsPattern("newsdesk_rate_limited_total\\{limit=\"api\"\\} [1-9]");
    assertThat(metrics).contains("newsdesk_rate_limit_keys{limit=\"publish\"}");
  }

  /**
   * Sends {@code burst + 5} requests at once, so they arrive faster than any refill however slow the
   * machine: each is let through or is a proper 429, at least one is refused, and no more get
   * through than the burst plus what the rate refilled while they were answered.
   */
  private static void untilRefused(Supplier<HttpResponse<String>> request, int status, int burst, double perSecond) {
    long start = System.nanoTime();
    List<HttpResponse<String>> answers;
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var sent = IntStream.range(0, burst + 5).mapToObj(i -> CompletableFuture.supplyAsync(request, pool)).toList();
      answers = sent.stream().map(CompletableFuture::join).toList();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int allowed = 0;
    int refused = 0;
    for (var r : answers) {
      if (r.statusCode() == 429) {
        assertRateLimited(r);
        refused++;
      } else {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        allowed++;
      }
    }
    assertThat(refused).as("requests refused of %d", answers.size()).isPositive();
    assertThat(allowed).as("requests let through in %.1f s", seconds)
        .isBetween(burst, burst + (int) Math.ceil(seconds * perSecond) + 1);
  }

  private static void assertRateLimited(HttpResponse<String> r) {
    var problem = assertProblem(r, 429);
    assertThat(problem.path("type").asText()).isEqualTo("/problems/rate-limited");
    assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(s ->
        assertThat(Long.parseLong(s)).isBetween(1L, 60L));
  }

  /** A refused request does not use up the bucket, so asking again until it is let through is fair. */
  private static void awaitRecovery(Supplier<HttpResponse<String>> request, int status) {
    var last = new AtomicReference<HttpResponse<String>>();
    Await.until(() -> {
      last.set(request.get());
      return last.get().statusCode() != 429;
    }, RECOVERY, "the limit lets the key through again");
    assertThat(last.get().statusCode()).as(last.get().body()).isEqualTo(status);
  }

  private HttpResponse<String> story(String client, String token, String headline) {
    return send(client, "POST", "/api/v1/stories", "{\"headline\":\"" + headline + "\",\"section\":\"limits\"}", token);
  }

  private HttpResponse<String> send(String client, String method, String path, String body, String token) {
    return TestServer.exchange(TestServer.requestBuilder(method, server.baseUrl() + path, body, token)
        .header("X-Forwarded-For", client).build());
  }
}
