package newsdesk.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import newsdesk.Newsdesk;
import newsdesk.config.ConfigLoader;
import newsdesk.store.Role;

/**
 * A real Newsdesk on loopback for tests: real HTTP, a real SQLite file in a temporary directory,
 * and an editor and an admin token.
 */
public final class TestServer implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final Newsdesk app;
  private final String baseUrl;
  private final String editorToken;
  private final String adminToken;
  private String contributorToken;

  private TestServer(Newsdesk app, String baseUrl) {
    this.app = app;
    this.baseUrl = baseUrl;
    this.editorToken = app.tokens().create(Role.EDITOR, "test editor").secret();
    this.adminToken = app.tokens().create(Role.ADMIN, "test admin").secret();
  }

  public static TestServer start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  /** @param settings config keys (as in docs/configuration.md) that override the test defaults */
  public static TestServer start(Path dataDir, Map<String, String> settings) {
    int port = freePort();
    var flags = new HashMap<String, String>();
    flags.put("host", "127.0.0.1");
    flags.put("port", Integer.toString(port));
    flags.put("data", dataDir.toString());
    flags.put("public-url", "http://127.0.0.1:" + port);
    flags.put("sample-content", "false");
    // Every test client is 127.0.0.1, one client to the per-client limits; RateLimitsTest sets its own.
    for (String limit : new String[] {"api", "push"}) {
      flags.put("limits." + limit + "-per-second", "1000000");
      flags.put("limits." + limit + "-burst", "1000000");
    }
    flags.putAll(settings);
    try {
      var app = Newsdesk.start(ConfigLoader.load(null, flags, Map.of()));
      return new TestServer(app, "http://127.0.0.1:" + app.port());
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start", e);
    }
  }

  /**
   * A free port not handed out before in this JVM: the shared client may still hold a keep-alive
   * connection to a stopped server's port, and would send a new server's first request down it.
   */
  public static int freePort() {
    while (true) {
      try (var s = new ServerSocket(0)) {
        if (HANDED_OUT.add(s.getLocalPort())) return s.getLocalPort();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public Newsdesk app() {
    return app;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public String editorToken() {
    return editorToken;
  }

  public String adminToken() {
    return adminToken;
  }

  /** A contributor's token, made on first use: a test that lists tokens finds only the editor's and the admin's. */
  public synchronized String contributorToken() {
    if (contributorToken == null) contributorToken = app.tokens().create(Role.CONTRIBUTOR, "test contributor").secret();
    return contributorToken;
  }

  /** Adds a desk user with this password (at least 12 characters). */
  public void createUser(String email, Role role, String password) {
    app.users().create(email, "Desk " + role.wire(), role, password.toCharArray());
  }

  /** The topic (and page address) of a story. */
  public String storyUrl(String slug) {
    return baseUrl + "/stories/" + slug;
  }

  /** A request to {@code url} with an optional JSON body and bearer token. */
  public static HttpRequest request(String method, String url, String body, String token) {
    return requestBuilder(method, url, body, token).build();
  }

  /** The same, to add headers to. */
  public static HttpRequest.Builder requestBuilder(String method, String url, String body, String token) {
    var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (body != null) b.header("Content-Type", "application/json");
    return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
  }

  /** Sends a request with an optional JSON body and bearer token. */
  public HttpResponse<String> send(String method, String path, String body, String token) {
    return exchange(request(method, baseUrl + path, body, token));
  }

  /** Sends {@code request} and reads the answer as text. */
  public static HttpResponse<String> exchange(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** As the editor. */
  public HttpResponse<String> editor(String method, String path, String body) {
    return send(method, path, body, editorToken);
  }

  /** Publishes one update to the Mercure hub, as a publisher holding {@code jwt}; {@code id} may be null. */
  public HttpResponse<String> mercurePublish(String jwt, String topic, String id, String data) {
    try {
      return MercurePublisher.post(baseUrl, jwt, topic, id, data);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static HttpClient http() {
    return HTTP;
  }

  @Override
  public void close() {
    app.close();
  }
}
