package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import newsdesk.auth.Tokens;
import newsdesk.store.Role;
import newsdesk.store.sql.SqliteStores;
import newsdesk.testing.Await;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged publish survives the server being killed (SIGKILL, no shutdown hook): after a
 * restart the story is there and its event can be replayed.
 */
class CrashDurabilityTest {
  @TempDir Path dir;
  private Process process;

  @AfterEach
  void kill() {
    if (process != null) process.destroyForcibly();
  }

  private Process startServer(int port) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    var cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "newsdesk.cli.Main", "serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--public-url", "http://127.0.0.1:" + port, "--data", dir.toString(), "--no-sample-content"));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("server-" + System.nanoTime() + ".log").toFile())
        .start();
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return TestServer.http().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void awaitHealthy(int port, Process p) {
    var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
    Await.until(() -> {
      if (!p.isAlive()) throw new AssertionError("server exited with " + p.exitValue());
      var res = send(req);
      return res != null && res.statusCode() == 200;
    }, Duration.ofSeconds(60), "the server answers /healthz");
  }

  @Test
  void anAcknowledgedPublishSurvivesAKill() throws Exception {
    int port = TestServer.freePort();
    process = startServer(port);
    awaitHealthy(port, process);
    String token;
    try (var store = SqliteStores.open(dir)) { // a second process on the same file, like the CLI
      token = new Tokens(store, Clock.systemUTC()).create(Role.EDITOR, "crash test").secret();
    }

    var publish = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/stories"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"slug\":\"survives\",\"headline\":\"It survives\",\"section\":\"news\",\"status\":\"published\"}"))
        .build();
    var res = send(publish);
    assertThat(res).isNotNull();
    assertThat(res.statusCode()).isEqualTo(201);

    process.destroyForcibly(); // SIGKILL right after the acknowledgement
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    process = startServer(port);
    awaitHealthy(port, process);
    var get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/stories/survives"))
        .header("Authorization", "Bearer " + token).build();
    var after = send(get);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("\"headline\":\"It survives\"").contains("\"status\":\"published\"");

    String base = "http://127.0.0.1:" + port;
    try (var events = SseClient.connect(base, "0", base + "/stories/survives")) {
      var m = events.next(Duration.ofSeconds(10));
      assertThat(m.event()).isEqualTo("story.published");
      assertThat(m.id()).isEqualTo("1");
      assertThat(m.data()).contains("\"slug\":\"survives\"");
    }
  }
}
