package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import newsdesk.testing.Await;
import newsdesk.testing.CapturedLogs;
import newsdesk.testing.Jwts;
import newsdesk.testing.PostgresDatabase;
import newsdesk.testing.SseClient;
import newsdesk.testing.TcpProxy;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL taken away from a running node, through a proxy the test cuts: stopped (connections
 * refused) or unreachable (a black hole), and then back, without restarting the node.
 */
class PostgresOutageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "https://example.com/outage";
  private static final Duration PROMPT = Duration.ofSeconds(2);

  @TempDir Path dir;
  private PostgresDatabase database;
  private TcpProxy proxy;
  private CapturedLogs logs;

  @BeforeEach
  void setUp() {
    database = PostgresDatabase.create();
    proxy = TcpProxy.start("127.0.0.1", 5432);
    logs = CapturedLogs.start();
  }

  @AfterEach
  void tearDown() {
    logs.close();
    proxy.close();
    database.close();
  }

  @ParameterizedTest
  @EnumSource(TcpProxy.Cut.class)
  void publishingAnswers503PromptlyWhilePostgresIsAwayReadersStayAndAllWorksAgainWhenItIsBack(TcpProxy.Cut how)
      throws Exception {
    String store = "postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + database.name();
    var settings = Map.of("store", store, "mercure.publisher-key", Jwts.PUBLISHER_KEY, "heartbeat-seconds", "1");
    String jwt = Jwts.publisher(List.of("*"));
    try (var server = TestServer.start(dir, settings);
        var reader = SseClient.connect(server.baseUrl(), null, TOPIC)) {
      Await.until(() -> server.app().sse().openConnections() == 1, Duration.ofSeconds(10), "the reader is connected");
      var before = publish(server, jwt, "urn:before");
      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(reader.next(Duration.ofSeconds(10)).id()).isEqualTo("urn:before");

      proxy.cut(how);
      int logged = logs.events().size();

      // Publishing: a 503 problem within 2 s, the first and a burst behind it alike.
      assertUnavailableWithinTwoSeconds(() -> publish(server, jwt, "urn:during-0"));
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        var burst = new ArrayList<Future<?>>();
        for (int i = 1; i <= 4; i++) {
          String id = "urn:during-" + i;
          burst.add(pool.submit(() -> {
            assertUnavailableWithinTwoSeconds(() -> publish(server, jwt, id));
            return null;
          }));
        }
        for (Future<?> f : burst) f.get(10, TimeUnit.SECONDS);
      }
      // The API's writes and reads, and the pages, answer the same way.
      assertUnavailableWithinTwoSeconds(() -> server.editor("POST", "/api/v1/stories",
          "{\"headline\":\"Lost\",\"section\":\"city\",\"status\":\"published\"}"));
      assertUnavailableWithinTwoSeconds(() -> server.editor("GET", "/api/v1/stories", null));
      assertUnavailableWithinTwoSeconds(() -> server.send("GET", "/", null, null));
      // Health: the store is down, the node is alive.
      assertUnavailableWithinTwoSeconds(() -> server.send("GET", "/healthz", null, null));
      assertThat(server.send("GET", "/livez", null, null).statusCode()).isEqualTo(200);
      // Upkeep goes on without a stack trace; the outbox polls on its own.
      server.app().pruneHistory();

      // The live reader stays: its heartbeats go on.
      int heartbeats = reader.comments().size();
      Await.until(() -> reader.comments().size() >= heartbeats + 2, Duration.ofSeconds(10), "two more heartbeats");
      // A reader resuming from an event still held in memory gets its stream; one resuming from
      // further back needs the store, and is told to retry.
      try (var resumed = SseClient.connect(server.baseUrl(), "urn:before", TOPIC)) {
        assertThat(resumed.response().statusCode()).isEqualTo(200);
        var older = SseClient.connect(server.baseUrl(), "urn:unknown", TOPIC);
        assertThat(older.response().statusCode()).isEqualTo(503);
        assertThat(older.response().headers().firstValue("Retry-After")).isPresent();
        older.close();

        proxy.restore();
        Await.until(() -> server.send("GET", "/healthz", null, null).statusCode() == 200, Duration.ofSeconds(15),
            "/healthz says the store is back");
        var after = publish(server, jwt, "urn:after");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        // Nothing refused was committed: the next event either reader sees is the one published after.
        assertThat(reader.next(Duration.ofSeconds(10)).id()).isEqualTo("urn:after");
        assertThat(resumed.next(Duration.ofSeconds(10)).id()).isEqualTo("urn:after");
      }
      assertThat(server.editor("GET", "/api/v1/stories", null).statusCode()).isEqualTo(200);
      assertThat(server.send("GET", "/", null, null).statusCode()).isEqualTo(200);
      assertThat(server.app().store().eventsAfter(0, 100)).extracting(e -> e.id())
          .containsExactly("urn:before", "urn:after");

      // The outage was logged once, as a warning without a stack; nothing of ours logged an error.
      var all = logs.events();
      var during = all.subList(logged, all.size());
      assertThat(during).filteredOn(e -> e.getLoggerName().equals("newsdesk.store.sql.Outage")
          && e.getLevel() == Level.WARN).hasSize(1);
      assertThat(during).filteredOn(e -> e.getLoggerName().startsWith("newsdesk.")
          && e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null).isEmpty();
      assertThat(during).filteredOn(e -> e.getLevel() == Level.ERROR).isEmpty();
    }
  }

  private static void assertUnavailableWithinTwoSeconds(Callable<HttpResponse<String>> request) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> res = request.call();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as("answered in %s", took).isLessThan(PROMPT);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(res.headers().firstValue("Retry-After")).isPresent();
    assertThat(JSON.readTree(res.body()).path("type").asText()).isEqualTo("/problems/unavailable");
  }

  private static HttpResponse<String> publish(TestServer server, String jwt, String id) {
    return server.mercurePublish(jwt, TOPIC, id, "x");
  }
}
