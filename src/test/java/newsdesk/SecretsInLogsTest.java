package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import newsdesk.push.P256;
import newsdesk.store.Role;
import newsdesk.testing.Await;
import newsdesk.testing.DeskSession;
import newsdesk.testing.Jwts;
import newsdesk.testing.LocalPushService;
import newsdesk.testing.PostgresDatabase;
import newsdesk.testing.PushSubscriber;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A full run in one server, with every log line (at DEBUG) and every error body kept: API tokens
 * made, used and revoked, Mercure JWTs good, forged, expired and malformed, a push subscription
 * and alerts delivered and refused, a store URL with a password, errors provoked; then none of
 * them holds a token, a JWT, a JWT's signature, a signing key, the VAPID private key or the password.
 */
class SecretsInLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PG_PASSWORD = "pg-Pa55word-never-logged-7f3a";

  @TempDir Path dir;
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final List<String> errorBodies = new ArrayList<>();

  @Test
  void noSecretReachesALogLineOrAnErrorBody() throws Exception {
    var lines = new ConcurrentLinkedQueue<String>();
    var capture = new AppenderBase<ILoggingEvent>() {
      @Override
      protected void append(ILoggingEvent e) {
        lines.add(render(e));
      }
    };
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    capture.start();
    root.addAppender(capture);
    root.setLevel(Level.DEBUG);
    try (var db = PostgresDatabase.create(); var push = LocalPushService.start()) {
      String store = db.url().replace("postgres@", "postgres:" + PG_PASSWORD + "@");
      secret("the store's password", PG_PASSWORD);
      try (var server = TestServer.start(dir, Map.of("store", store, "push.allow-insecure-endpoints", "true",
          "mercure.publisher-key", Jwts.PUBLISHER_KEY, "mercure.subscriber-key", Jwts.SUBSCRIBER_KEY,
          "callbacks.allow-private", "true"))) {
        fullRun(server, push);
      }
    } finally {
      root.detachAppender(capture);
      root.setLevel(before);
    }

    // The capture sees the server's own lines, the store URL among them (with its password masked).
    assertThat(lines).anyMatch(l -> l.contains("Newsdesk listening") && l.contains("@127.0.0.1:5432/"));
    assertThat(errorBodies).as("error bodies captured").hasSizeGreaterThan(10);
    secrets.forEach((what, value) -> {
      assertThat(lines).as("log lines holding %s", what).noneMatch(l -> l.contains(value));
      assertThat(errorBodies).as("error bodies holding %s", what).noneMatch(b -> b.contains(value));
    });
  }

  private void fullRun(TestServer server, LocalPushService push) throws Exception {
    secret("the editor's token", server.editorToken());
    secret("the admin's token", server.adminToken());
    secret("the publisher key", Jwts.PUBLISHER_KEY);
    secret("the subscriber key", Jwts.SUBSCRIBER_KEY);
    secret("the VAPID private key", P256.b64(P256.encode(server.app().vapidKeys().privateKey())));
    secret("the VAPID private key (base64)",
        Base64.getEncoder().encodeToString(P256.encode(server.app().vapidKeys().privateKey())));

    // A webhook whose receiver is not there: its deliveries fail and are retried while the run goes on.
    var hook = server.send("POST", "/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/hook\"}", server.adminToken());
    assertThat(hook.statusCode()).isEqualTo(201);
    secret("a webhook secret", JSON.readTree(hook.body()).path("secret").asText());

    // Desk sign-in: a wrong password, then the right one.
    String password = "correct horse battery staple 42";
    secret("a desk password", password);
    server.createUser("ed@example.org", Role.EDITOR, password);
    String site = server.baseUrl();
    expect(raw(server, "POST", "/desk/sign-in", "Origin", site, "application/x-www-form-urlencoded",
        "email=ed%40example.org&password=" + java.net.URLEncoder.encode(password + "!", StandardCharsets.UTF_8)), 401);
    secret("a wrong desk password", password + "!");
    expect(raw(server, "POST", "/desk/sign-in", "Origin", site, "application/x-www-form-urlencoded",
        "email=ed%40example.org&password=" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8)), 303);

    // The desk's admin pages: a person added with a first password (and refused with a short one),
    // a token and a webhook made there, their secrets in the one page that answers.
    server.createUser("ada@example.org", Role.ADMIN, password);
    var ada = DeskSession.signIn(server, "ada@example.org", password);
    String first = "first desk password never logged 9c1";
    secret("a first password set in the desk", first);
    expect(ada.post("/desk/users", "email", "new@example.org", "name", "New", "role", "editor", "password", first), 303);
    secret("a short password set in the desk", "short-9c1x");
    expect(ada.post("/desk/users", "email", "short@example.org", "name", "S", "role", "editor", "password", "short-9c1x"), 422);
    var deskToken = java.util.regex.Pattern.compile("readonly value=\"([^\"]+)\"")
        .matcher(ada.post("/desk/tokens", "name", "desk made", "role", "editor").body());
    assertThat(deskToken.find()).isTrue();
    secret("a token made in the desk", deskToken.group(1));
    expect(server.send("GET", "/api/v1/stories", null, deskToken.group(1)), 200);
    var deskHook = java.util.regex.Pattern.compile("readonly value=\"([^\"]+)\"")
        .matcher(ada.post("/desk/webhooks", "url", "http://127.0.0.1:9/desk-hook").body());
    assertThat(deskHook.find()).isTrue();
    secret("a webhook secret made in the desk", deskHook.group(1));

    // API tokens: made, used, revoked, guessed; errors provoked with a good token.
    var made = server.send("POST", "/api/v1/tokens", "{\"role\":\"editor\",\"name\":\"night desk\"}", server.adminToken());
    assertThat(made.statusCode()).isEqualTo(201);
    var token = JSON.readTree(made.body());
    String nightDesk = token.path("token").asText();
    secret("a token made through the API", nightDesk);
    expect(server.send("POST", "/api/v1/stories",
        "{\"slug\":\"secret-run\",\"headline\":\"A run\",\"section\":\"news\",\"status\":\"published\"}", nightDesk), 201);
    expect(server.send("DELETE", "/api/v1/tokens/" + token.path("id").asText(), null, server.adminToken()), 204);
    expect(server.send("GET", "/api/v1/stories", null, nightDesk), 401);
    String guessed = "nd_" + "Zq9".repeat(14);
    secret("a guessed token", guessed);
    expect(server.send("GET", "/api/v1/stories", null, guessed), 401);
    expect(server.send("POST", "/api/v1/tokens", "{\"role\":\"admin\"}", server.editorToken()), 403);
    expect(server.send("POST", "/api/v1/stories", "{\"headline\":", server.editorToken()), 400);
    expect(server.send("POST", "/api/v1/stories", "{\"headline\":7}", server.editorToken()), 422);
    expect(server.send("PATCH", "/api/v1/stories/no-such-story", "{\"headline\":\"x\"}", server.editorToken()), 404);
    expect(server.send("GET", "/api/v1/nowhere", null, server.editorToken()), 404);
    expect(raw(server, "GET", "/api/v1/stories", "Authorization", "Basic " + server.editorToken(), null, null), 401);

    // Mercure: a publisher's JWT, a forged one, an expired one, a malformed one; a subscriber's.
    String publisher = jwt("a publisher's JWT", Jwts.publisher(List.of("*")));
    String forged = jwt("a forged JWT", Jwts.hs256("another-key-of-32-bytes-or-more-0123456789", List.of("*"), null, null));
    String expired = jwt("an expired JWT", Jwts.hs256(Jwts.PUBLISHER_KEY, List.of("*"), null, Instant.now().minusSeconds(3600)));
    String subscriber = jwt("a subscriber's JWT", Jwts.subscriber(List.of("*")));
    String form = "topic=" + server.storyUrl("secret-run") + "&data=hello";
    expect(mercurePost(server, "Bearer " + publisher, form), 200);
    expect(mercurePost(server, "Bearer " + forged, form), 401);
    expect(mercurePost(server, "Bearer " + expired, form), 401);
    expect(mercurePost(server, "Bearer " + subscriber, form), 401);
    expect(mercurePost(server, "Bearer " + publisher.substring(0, publisher.lastIndexOf('.')) + ".bad", form), 401);
    expect(mercurePost(server, "Bearer " + publisher, "topic=a&id=%ZZ"), 400);
    expect(raw(server, "POST", "/.well-known/mercure", "Cookie", "mercureAuthorization=" + forged,
        "application/x-www-form-urlencoded", form), 401);
    String topic = "?topic=" + server.storyUrl("secret-run");
    expect(raw(server, "GET", "/.well-known/mercure" + topic + "&authorization=" + forged, null, null, null, null), 401);
    expect(raw(server, "GET", "/.well-known/mercure" + topic, "Authorization", "Bearer " + expired, null, null), 401);
    expect(raw(server, "GET", "/.well-known/mercure" + topic, "Authorization", "Bearer " + subscriber, null, null), 200);

    // Web Push: a subscription, then alerts delivered (signed with a VAPID JWT) and refused.
    var reader = PushSubscriber.create();
    String key = JSON.readTree(server.send("GET", "/push/key", null, null).body()).path("publicKey").asText();
    String endpoint = push.subscribe(reader, key);
    expect(server.send("POST", "/push/subscriptions", reader.subscriptionJson(endpoint, "breaking"), null), 201);
    push.script(endpoint, new LocalPushService.Answer(500, null), new LocalPushService.Answer(400, null));
    for (int i = 0; i < 3; i++) {
      expect(server.send("POST", "/api/v1/alerts", "{\"headline\":\"Alert " + i + "\",\"story\":\"secret-run\"}",
          server.editorToken()), 202);
    }
    Await.until(() -> push.requestsTo(endpoint) >= 3 && !push.receivedBy(endpoint).isEmpty(), Duration.ofSeconds(30),
        "three push requests, one of them accepted");
    expect(server.send("POST", "/push/subscriptions", "{\"endpoint\":\"" + endpoint + "\",\"keys\":{\"p256dh\":\"x\"}}", null), 422);
    for (var r : push.received()) {
      String auth = r.headers().get("Authorization");
      if (auth != null && auth.startsWith("vapid t=")) jwt("a VAPID JWT", auth.substring(8, auth.indexOf(',')));
    }
    assertThat(secrets.keySet()).as("VAPID JWTs seen").anyMatch(w -> w.startsWith("a VAPID JWT"));
  }

  private String jwt(String what, String jwt) {
    secret(what, jwt);
    secret(what + "'s signature", jwt.substring(jwt.lastIndexOf('.') + 1));
    return jwt;
  }

  private void secret(String what, String value) {
    String name = what;
    for (int i = 2; secrets.containsKey(name); i++) name = what + " #" + i;
    secrets.put(name, value);
  }

  private void expect(HttpResponse<String> res, int status) {
    expect(Reply.of(res), status);
  }

  private void expect(Reply reply, int status) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    if (status >= 400) errorBodies.add(reply.text());
  }

  private static Reply mercurePost(TestServer server, String authorization, String form) throws Exception {
    return raw(server, "POST", "/.well-known/mercure", "Authorization", authorization,
        "application/x-www-form-urlencoded", form);
  }

  /** One request; a streaming answer (SSE) is read up to its status and headers only. */
  private static Reply raw(TestServer server, String method, String path, String header, String value,
      String contentType, String body) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(20));
    if (header != null) b.header(header, value);
    if (contentType != null) b.header("Content-Type", contentType);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<InputStream> res = TestServer.http().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    String text;
    if (res.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      res.body().close();
      text = "";
    } else {
      try (InputStream in = res.body()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return new Reply(res.statusCode(), res.headers().map() + " " + text);
  }

  /** An answer: its status, and its headers and body as text. */
  private record Reply(int status, String text) {
    static Reply of(HttpResponse<String> res) {
      return new Reply(res.statusCode(), res.headers().map() + " " + res.body());
    }
  }

  /** The line as an appender would write it: message, arguments, MDC, and every exception in the chain. */
  private static String render(ILoggingEvent e) {
    var sb = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append(' ')
        .append(e.getMDCPropertyMap());
    for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
      sb.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
      for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) sb.append("\n\t").append(s.getSTEAsString());
      for (IThrowableProxy suppressed : t.getSuppressed()) sb.append("\nSuppressed: ").append(suppressed.getMessage());
    }
    return sb.toString();
  }
}
