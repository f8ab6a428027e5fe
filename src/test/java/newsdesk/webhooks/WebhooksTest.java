package newsdesk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import newsdesk.content.StoryInput;
import newsdesk.testing.LocalSubscriber;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks end to end: registered by an admin, every newsroom event signed per Standard Webhooks. */
class WebhooksTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Path CHECKER = Path.of("src/test/webhooks");
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private TestServer server;
  private LocalSubscriber receiver;

  @BeforeEach
  void start() {
    server = TestServer.start(dir.resolve("data"), Map.of("callbacks.allow-private", "true", "callbacks.first-retry-ms", "100"));
    receiver = LocalSubscriber.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
    server.close();
  }

  @Test
  void everyNewsroomEventArrivesSignedAndTheStandardWebhooksLibraryVerifiesIt() throws Exception {
    assumeTrue(onPath("node") && onPath("npm"), "node and npm check the signature independently");
    JsonNode hook = register(receiver.url("/hook"));
    String secret = hook.path("secret").asText();
    assertThat(secret).startsWith("whsec_");

    var story = server.app().content().create(new StoryInput(null, null, "Signed news", "", "Body", "city", List.of(),
        List.of(), "published"));
    server.app().content().correct(story.slug(), "A fix.");
    receiver.delivery(2, WAIT);
    // Each delivery goes on its own; the order of arrival is not promised.
    var byType = new java.util.HashMap<String, LocalSubscriber.Received>();
    for (var r : receiver.deliveries()) byType.put(JSON.readTree(r.body()).path("type").asText(), r);
    var published = byType.get("story.published");
    var corrected = byType.get("story.corrected");

    assertThat(published.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = JSON.readTree(published.body());
    assertThat(body.path("type").asText()).isEqualTo("story.published");
    assertThat(body.path("data").path("slug").asText()).isEqualTo(story.slug());
    assertThat(JSON.readTree(corrected.body()).path("type").asText()).isEqualTo("story.corrected");
    assertThat(published.header("webhook-id")).isNotEqualTo(corrected.header("webhook-id"));

    assertThat(verify(secret, published)).isEqualTo("verified story.published");
    assertThat(verify(secret, corrected)).isEqualTo("verified story.corrected");
    String tampered = verify(secret, new LocalSubscriber.Received("POST", "/hook", Map.of(), published.headers(),
        published.text().replace("Signed", "Forged").getBytes(StandardCharsets.UTF_8)));
    assertThat(tampered).startsWith("refused");
    assertThat(verify("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), published)).startsWith("refused");
  }

  @Test
  void aFailedDeliveryIsRetriedUnderTheSameMessageId() {
    register(receiver.url("/hook"));
    receiver.answer(500);
    server.app().content().create(new StoryInput(null, null, "Retried", "", "", "city", List.of(), List.of(), "published"));
    var first = receiver.delivery(1, WAIT);
    var second = receiver.delivery(2, WAIT);
    assertThat(second.header("webhook-id")).isEqualTo(first.header("webhook-id"));
    assertThat(second.text()).isEqualTo(first.text());
  }

  @Test
  void onlyAnAdminManagesWebhooksAndTheSecretIsShownOnce() throws Exception {
    var asEditor = server.editor("POST", "/api/v1/webhooks", "{\"url\":\"" + receiver.url("/h") + "\"}");
    assertThat(asEditor.statusCode()).isEqualTo(403);
    var bad = server.send("POST", "/api/v1/webhooks", "{\"url\":\"ftp://example.org/\"}", server.adminToken());
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(bad.body()).path("field").asText()).isEqualTo("url");
    JsonNode hook = register(receiver.url("/h"));
    var list = server.send("GET", "/api/v1/webhooks", null, server.adminToken());
    assertThat(list.body()).contains(receiver.url("/h")).doesNotContain(hook.path("secret").asText());
    assertThat(server.send("DELETE", "/api/v1/webhooks/" + hook.path("id").asLong(), null, server.adminToken())
        .statusCode()).isEqualTo(204);
    assertThat(server.send("DELETE", "/api/v1/webhooks/" + hook.path("id").asLong(), null, server.adminToken())
        .statusCode()).isEqualTo(404);
  }

  private JsonNode register(String url) {
    var res = server.send("POST", "/api/v1/webhooks", JSON.createObjectNode().put("url", url).toString(),
        server.adminToken());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    try {
      return JSON.readTree(res.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Runs the Standard Webhooks reference library (npm) on one delivery; its one line of output. */
  private String verify(String secret, LocalSubscriber.Received r) throws Exception {
    ensureChecker();
    var input = JSON.createObjectNode().put("secret", secret).put("body", r.text());
    var headers = input.putObject("headers");
    for (String h : new String[] {"webhook-id", "webhook-timestamp", "webhook-signature"}) headers.put(h, r.header(h));
    Path file = Files.createTempFile(dir, "delivery", ".json");
    Files.writeString(file, input.toString());
    // Never hand node the test JVM's stdin (see FirefoxPushTest).
    var pb = new ProcessBuilder("node", "verify.mjs", file.toAbsolutePath().toString()).directory(CHECKER.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static void ensureChecker() throws Exception {
    if (Files.isDirectory(CHECKER.resolve("node_modules/standardwebhooks"))) return;
    var npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(CHECKER.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/npm-ci.log")));
    assertThat(npm.start().waitFor()).as("npm ci in " + CHECKER).isZero();
  }

  private static boolean onPath(String cmd) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, cmd))) return true;
    }
    return false;
  }
}
