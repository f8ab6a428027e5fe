package newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import newsdesk.content.EntryInput;
import newsdesk.content.StoryInput;
import newsdesk.store.Role;
import newsdesk.testing.Jwts;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may use each route, checked against the real router: every route the server registers must
 * have a row in {@link #POLICY}, and each row is asked with no credentials, each API token role, a
 * revoked token, a valid, an expired and a wrongly signed Mercure JWT. A new route that is not
 * classified here fails {@link #everyRouteOfTheRouterIsClassified}, so none ships unprotected by
 * accident.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** One key for publishers and subscribers here, so an expired JWT is refused for its expiry, not its key. */
  private static final String KEY = Jwts.PUBLISHER_KEY;
  private static final String ANY = "ANY";

  /** Who may use a route. */
  enum Access {
    /** Anyone; credentials are neither needed nor looked at. */
    PUBLIC,
    /** An API token (or desk session) of any role: contributors write drafts and live-blog entries (ContentService decides what more they may do). */
    CONTRIBUTOR,
    /** An API token of the editor role or above. */
    EDITOR,
    /** An API token of the admin role. */
    ADMIN,
    /** A Mercure publisher's JWT. */
    PUBLISHER,
    /** Anyone (public updates), but a credential sent must be a valid subscriber JWT. */
    SUBSCRIBER,
    /** A valid subscriber JWT whose selectors match the address (Mercure's subscription API). */
    SUBSCRIPTIONS_READER,
    /** A desk page: only with a desk session (no API token or JWT is one); without, it sends you to sign in. */
    DESK_PAGE,
    /** Desk data for a page's script: only with a desk session; without, 401. */
    DESK_DATA,
    /** Runs for every request (headers, failures) and answers none itself: nothing to ask. */
    EVERY_REQUEST
  }

  /** What is sent as a credential. */
  enum Credential { NONE, CONTRIBUTOR, EDITOR, ADMIN, REVOKED, JWT, EXPIRED_JWT, BAD_SIGNATURE_JWT }

  /** A request that the route answers with {@code okStatus} when the credential is right. */
  record Sample(String method, String path, String contentType, String body, int okStatus) {}

  /** One row: a route (method, or ANY for a route of every method; its path, * for a prefix) and who may use it. */
  record Rule(String method, String pattern, Access access, Function<Fixture, Sample> sample) {
    String key() {
      return method + " " + pattern;
    }
  }

  /**
   * THE POLICY: one row per route of the router. A new route goes here, with a sample request
   * that succeeds for the right credential.
   */
  private static final List<Rule> POLICY = List.of(
      every("", "the discovery Link header and the failure handler"),
      pub("GET", "/livez", f -> get("/livez", 200)),
      pub("GET", "/healthz", f -> get("/healthz", 200)),
      // An operator's: each node's own figures, not passed by the front (deploy/nginx.conf.template).
      pub("GET", "/metrics", f -> get("/metrics", 200)),
      // Anonymous and public updates only, whatever is sent (transport.sse.SseEndpoint.handle).
      pub("GET", "/events", f -> get("/events?topic=" + enc(f.topic), 200)),
      rule("GET", "/.well-known/mercure", Access.SUBSCRIBER, f -> get("/.well-known/mercure?topic=" + enc(f.topic), 200)),
      rule("POST", "/.well-known/mercure", Access.PUBLISHER, f -> new Sample("POST", "/.well-known/mercure",
          "application/x-www-form-urlencoded", "topic=" + enc(f.topic) + "&data=matrix", 200)),
      // The hub's OAuth protected resource metadata (RFC 9728): public by design, the same for all.
      pub("GET", "/.well-known/oauth-protected-resource/.well-known/mercure",
          f -> get("/.well-known/oauth-protected-resource/.well-known/mercure", 200)),
      rule("GET", "/ws", Access.SUBSCRIBER, f -> get("/ws", 101)),
      // Mercure's subscription API (mercure.SubscriptionApi, mercure.subscriptions=true here).
      rule("GET", "/.well-known/mercure/subscriptions", Access.SUBSCRIPTIONS_READER,
          f -> get("/.well-known/mercure/subscriptions", 200)),
      rule("GET", "/.well-known/mercure/subscriptions/*", Access.SUBSCRIPTIONS_READER,
          f -> get("/.well-known/mercure/subscriptions/" + enc(f.topic), 200)),
      // The per-client rate limit, the body reader, and the 404 for an unknown API address.
      pub(ANY, "/api/*", f -> get("/api/v1/nothing-here", 404)),
      rule("POST", "/api/v1/stories", Access.CONTRIBUTOR, f -> json("POST", "/api/v1/stories",
          "{\"headline\":\"Matrix\",\"section\":\"matrix\"}", 201)),
      rule("GET", "/api/v1/stories", Access.CONTRIBUTOR, f -> get("/api/v1/stories", 200)),
      rule("GET", "/api/v1/stories/:slug", Access.CONTRIBUTOR, f -> get("/api/v1/stories/" + f.article, 200)),
      rule("PATCH", "/api/v1/stories/:slug", Access.CONTRIBUTOR, f -> json("PATCH", "/api/v1/stories/" + f.draft(),
          "{\"summary\":\"changed\"}", 200)),
      rule("POST", "/api/v1/stories/:slug/publish", Access.EDITOR, f -> json("POST",
          "/api/v1/stories/" + f.draft() + "/publish", null, 200)),
      rule("POST", "/api/v1/stories/:slug/submit", Access.CONTRIBUTOR, f -> json("POST",
          "/api/v1/stories/" + f.draft() + "/submit", null, 200)),
      rule("POST", "/api/v1/stories/:slug/schedule", Access.EDITOR, f -> json("POST",
          "/api/v1/stories/" + f.draft() + "/schedule", "{\"at\":\"" + java.time.Instant.now().plusSeconds(86_400) + "\"}", 200)),
      // Unscheduling a draft returns it as it is.
      rule("DELETE", "/api/v1/stories/:slug/schedule", Access.EDITOR, f -> json("DELETE",
          "/api/v1/stories/" + f.draft() + "/schedule", null, 200)),
      rule("POST", "/api/v1/stories/:slug/retract", Access.EDITOR, f -> json("POST",
          "/api/v1/stories/" + f.published() + "/retract", "{\"reason\":\"matrix\"}", 200)),
      rule("POST", "/api/v1/stories/:slug/corrections", Access.EDITOR, f -> json("POST",
          "/api/v1/stories/" + f.article + "/corrections", "{\"text\":\"matrix\"}", 201)),
      rule("GET", "/api/v1/stories/:slug/versions", Access.CONTRIBUTOR, f -> get("/api/v1/stories/" + f.article
          + "/versions", 200)),
      rule("GET", "/api/v1/stories/:slug/versions/:version", Access.CONTRIBUTOR, f -> get(f.firstVersion(), 200)),
      rule("POST", "/api/v1/stories/:slug/versions/:version/restore", Access.CONTRIBUTOR, f -> json("POST",
          f.firstVersionOfADraft() + "/restore", null, 200)),
      rule("POST", "/api/v1/stories/:slug/entries", Access.CONTRIBUTOR, f -> json("POST",
          "/api/v1/stories/" + f.live + "/entries", "{\"body\":\"matrix\"}", 201)),
      rule("PATCH", "/api/v1/stories/:slug/entries/:id", Access.CONTRIBUTOR, f -> json("PATCH",
          "/api/v1/stories/" + f.live + "/entries/" + f.entry(), "{\"body\":\"edited\"}", 200)),
      rule("DELETE", "/api/v1/stories/:slug/entries/:id", Access.CONTRIBUTOR, f -> json("DELETE",
          "/api/v1/stories/" + f.live + "/entries/" + f.entry(), null, 204)),
      rule("POST", "/api/v1/alerts", Access.EDITOR, f -> json("POST", "/api/v1/alerts",
          "{\"headline\":\"Matrix\",\"story\":\"" + f.article + "\"}", 202)),
      rule("POST", "/api/v1/tokens", Access.ADMIN, f -> json("POST", "/api/v1/tokens", "{\"role\":\"editor\"}", 201)),
      rule("GET", "/api/v1/tokens", Access.ADMIN, f -> get("/api/v1/tokens", 200)),
      rule("DELETE", "/api/v1/tokens/:id", Access.ADMIN, f -> json("DELETE", "/api/v1/tokens/" + f.token(), null, 204)),
      // A URL that is not http(s) is refused after the role check, so no real webhook is made.
      rule("POST", "/api/v1/webhooks", Access.ADMIN, f -> json("POST", "/api/v1/webhooks", "{\"url\":\"ftp://x/\"}", 422)),
      rule("GET", "/api/v1/webhooks", Access.ADMIN, f -> get("/api/v1/webhooks", 200)),
      rule("DELETE", "/api/v1/webhooks/:id", Access.ADMIN, f -> json("DELETE", "/api/v1/webhooks/999", null, 404)),
      // Images: an empty upload is refused after the role check (ImageRoutes), so the sample stores nothing.
      rule("POST", "/api/v1/images", Access.CONTRIBUTOR, f -> new Sample("POST", "/api/v1/images?alt=matrix",
          "image/jpeg", "", 422)),
      rule("GET", "/api/v1/images/:id", Access.CONTRIBUTOR, f -> get("/api/v1/images/" + "0".repeat(32), 404)),
      pub(ANY, "/api/v1/images", f -> get("/api/v1/images", 405)),
      pub(ANY, "/api/v1/images/:id", f -> json("PUT", "/api/v1/images/1", "{}", 405)),
      // Renditions: public, immutable, named by their hash.
      pub("GET", "/images/:file", f -> get("/images/" + "0".repeat(64) + ".jpg", 404)),
      // A known API address asked with a method it does not take: 405 before any token is read.
      pub(ANY, "/api/v1/stories", f -> json("PUT", "/api/v1/stories", "{}", 405)),
      pub(ANY, "/api/v1/stories/:slug", f -> json("PUT", "/api/v1/stories/" + f.article, "{}", 405)),
      pub(ANY, "/api/v1/stories/:slug/publish", f -> get("/api/v1/stories/" + f.article + "/publish", 405)),
      pub(ANY, "/api/v1/stories/:slug/submit", f -> get("/api/v1/stories/" + f.article + "/submit", 405)),
      pub(ANY, "/api/v1/stories/:slug/schedule", f -> get("/api/v1/stories/" + f.article + "/schedule", 405)),
      pub(ANY, "/api/v1/stories/:slug/retract", f -> get("/api/v1/stories/" + f.article + "/retract", 405)),
      pub(ANY, "/api/v1/stories/:slug/corrections", f -> get("/api/v1/stories/" + f.article + "/corrections", 405)),
      pub(ANY, "/api/v1/stories/:slug/versions", f -> json("PUT", "/api/v1/stories/" + f.article + "/versions", "{}", 405)),
      pub(ANY, "/api/v1/stories/:slug/versions/:version", f -> json("PUT", f.firstVersion(), "{}", 405)),
      pub(ANY, "/api/v1/stories/:slug/versions/:version/restore", f -> get(f.firstVersion() + "/restore", 405)),
      pub(ANY, "/api/v1/stories/:slug/entries", f -> get("/api/v1/stories/" + f.live + "/entries", 405)),
      pub(ANY, "/api/v1/stories/:slug/entries/:id", f -> get("/api/v1/stories/" + f.live + "/entries/1", 405)),
      pub(ANY, "/api/v1/alerts", f -> get("/api/v1/alerts", 405)),
      pub(ANY, "/api/v1/tokens", f -> json("PUT", "/api/v1/tokens", "{}", 405)),
      pub(ANY, "/api/v1/tokens/:id", f -> get("/api/v1/tokens/1", 405)),
      pub(ANY, "/api/v1/webhooks", f -> json("PUT", "/api/v1/webhooks", "{}", 405)),
      pub(ANY, "/api/v1/webhooks/:id", f -> get("/api/v1/webhooks/1", 405)),
      // Web Push: a subscription's endpoint is its own capability (push.PushRoutes).
      pub("GET", "/sw.js", f -> get("/sw.js", 200)),
      pub("GET", "/push/key", f -> get("/push/key", 200)),
      pub("POST", "/push/subscriptions", f -> json("POST", "/push/subscriptions", "{}", 422)),
      pub("DELETE", "/push/subscriptions", f -> json("DELETE", "/push/subscriptions",
          "{\"endpoint\":\"https://push.example/matrix\"}", 204)),
      // The per-client rate limit, the body reader, and the 405 for other methods.
      pub(ANY, "/push/subscriptions", f -> get("/push/subscriptions", 405)),
      pub(ANY, "/assets/*", f -> get("/assets/reader.js", 200)),
      pub("GET", "/", f -> get("/", 200)),
      pub("GET", "/sections/:name", f -> get("/sections/matrix", 200)),
      pub("GET", "/stories/:slug", f -> get("/stories/" + f.article, 200)),
      pub("GET", "/reader-templates.html", f -> get("/reader-templates.html", 200)),
      // Feeds and sitemaps: what the reader pages show, for feed readers and search engines.
      pub("GET", "/feed.atom", f -> get("/feed.atom", 200)),
      pub("GET", "/feed.json", f -> get("/feed.json", 200)),
      pub("GET", "/sections/:name/feed.atom", f -> get("/sections/matrix/feed.atom", 200)),
      pub("GET", "/sections/:name/feed.json", f -> get("/sections/matrix/feed.json", 200)),
      pub("GET", "/stories/:slug/feed.atom", f -> get("/stories/" + f.live + "/feed.atom", 200)),
      pub("GET", "/stories/:slug/feed.json", f -> get("/stories/" + f.live + "/feed.json", 200)),
      pub("GET", "/sitemap.xml", f -> get("/sitemap.xml", 200)),
      pub("GET", "/news-sitemap.xml", f -> get("/news-sitemap.xml", 200)),
      pub("GET", "/robots.txt", f -> get("/robots.txt", 200)),
      // The WebSub hub: anyone may subscribe (the callback confirms); an unknown mode is a 400.
      pub("POST", "/websub", f -> new Sample("POST", "/websub", "application/x-www-form-urlencoded", "hub.mode=dance", 400)),
      // The desk: sessions, not API tokens (desk.DeskGate); a form post from elsewhere is refused first.
      pub("GET", "/desk/sign-in", f -> get("/desk/sign-in", 200)),
      pub("POST", "/desk/sign-in", f -> new Sample("POST", "/desk/sign-in", "application/x-www-form-urlencoded",
          "email=a%40example.org&password=x", 403)),
      // With no session there is nothing to end: back to the sign-in page.
      pub("POST", "/desk/sign-out", f -> new Sample("POST", "/desk/sign-out", "application/x-www-form-urlencoded",
          "", 303)),
      rule("GET", "/desk", Access.DESK_PAGE, f -> get("/desk", 303)),
      rule("GET", "/desk/", Access.DESK_PAGE, f -> get("/desk/", 303)),
      rule("GET", "/desk/rows", Access.DESK_DATA, f -> get("/desk/rows", 200)),
      rule("GET", "/desk/stories/new", Access.DESK_PAGE, f -> get("/desk/stories/new", 200)),
      rule("GET", "/desk/stories/:slug", Access.DESK_PAGE, f -> get("/desk/stories/" + f.article, 200)),
      rule("POST", "/desk/preview", Access.DESK_DATA, f -> new Sample("POST", "/desk/preview",
          "application/x-www-form-urlencoded", "body=matrix", 200)),
      rule("GET", "/desk/live/:slug", Access.DESK_PAGE, f -> get("/desk/live/" + f.live, 303)),
      rule("GET", "/desk/live/:slug/entries", Access.DESK_DATA, f -> get("/desk/live/" + f.live + "/entries", 200)),
      // The desk's tools: pages send you to sign in, forms answer 401 without a session; the roles
      // they need (editor for alerts, admin for the rest) are DeskToolsTest's.
      rule("GET", "/desk/stories/:slug/alert", Access.DESK_PAGE, f -> get("/desk/stories/" + f.article + "/alert", 200)),
      rule("POST", "/desk/stories/:slug/alert", Access.DESK_DATA, f -> form("/desk/stories/" + f.article + "/alert")),
      rule("GET", "/desk/users", Access.DESK_PAGE, f -> get("/desk/users", 200)),
      rule("POST", "/desk/users", Access.DESK_DATA, f -> form("/desk/users")),
      rule("POST", "/desk/users/:id/disable", Access.DESK_DATA, f -> form("/desk/users/1/disable")),
      rule("GET", "/desk/tokens", Access.DESK_PAGE, f -> get("/desk/tokens", 200)),
      rule("POST", "/desk/tokens", Access.DESK_DATA, f -> form("/desk/tokens")),
      rule("POST", "/desk/tokens/:id/revoke", Access.DESK_DATA, f -> form("/desk/tokens/1/revoke")),
      rule("GET", "/desk/webhooks", Access.DESK_PAGE, f -> get("/desk/webhooks", 200)),
      rule("POST", "/desk/webhooks", Access.DESK_DATA, f -> form("/desk/webhooks")),
      rule("POST", "/desk/webhooks/:id/delete", Access.DESK_DATA, f -> form("/desk/webhooks/1/delete")),
      // The desk's stream (web.DeskEvents): the private desk topic's events, for a desk session only.
      rule("GET", "/desk/events", Access.DESK_DATA, f -> get("/desk/events?topic=" + enc(f.topic), 200)),
      // Presence (desk.DeskPresence): readers now and who is editing; heartbeats are changes (CSRF).
      rule("GET", "/desk/presence", Access.DESK_DATA, f -> get("/desk/presence?slug=" + f.article, 200)),
      rule("POST", "/desk/stories/:slug/presence", Access.DESK_DATA, f -> new Sample("POST",
          "/desk/stories/" + f.article + "/presence", null, null, 204)),
      rule("DELETE", "/desk/stories/:slug/presence", Access.DESK_DATA, f -> new Sample("DELETE",
          "/desk/stories/" + f.article + "/presence", null, null, 204)));

  @TempDir static Path dir;
  TestServer server;
  Fixture fixture;
  final Map<Credential, String> secrets = new LinkedHashMap<>();

  @BeforeAll
  void start() {
    server = TestServer.start(dir, Map.of(
        "mercure.publisher-key", KEY,
        "mercure.subscriber-key", KEY,
        "mercure.subscriptions", "true"));
    fixture = new Fixture(server);
    var tokens = server.app().tokens();
    var revoked = tokens.create(Role.ADMIN, "revoked");
    tokens.revoke(revoked.token().id());
    List<String> all = List.of("*");
    secrets.put(Credential.CONTRIBUTOR, tokens.create(Role.CONTRIBUTOR, "contributor").secret());
    secrets.put(Credential.EDITOR, server.editorToken());
    secrets.put(Credential.ADMIN, server.adminToken());
    secrets.put(Credential.REVOKED, revoked.secret());
    secrets.put(Credential.JWT, Jwts.hs256(KEY, all, all, Instant.now().plusSeconds(3600)));
    secrets.put(Credential.EXPIRED_JWT, Jwts.hs256(KEY, all, all, Instant.now().minusSeconds(600)));
    secrets.put(Credential.BAD_SIGNATURE_JWT,
        Jwts.hs256("another-key-of-32-bytes-or-more-0123456789", all, all, Instant.now().plusSeconds(3600)));
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void everyRoleHasACredentialInTheMatrix() {
    assertThat(Role.values()).as("a new role needs a Credential, an Access and its expectations here")
        .containsExactly(Role.CONTRIBUTOR, Role.EDITOR, Role.ADMIN);
  }

  @Test
  void everyRouteOfTheRouterIsClassified() {
    var policy = new TreeSet<String>();
    POLICY.forEach(r -> assertThat(policy.add(r.key())).as("one row for %s", r.key()).isTrue());
    var routes = new TreeSet<String>();
    for (Route route : server.app().router().getRoutes()) {
      String pattern = route.getPath() == null ? "" : route.isExactPath() ? route.getPath() : route.getPath() + "*";
      assertThat(route.isRegexPath() && route.getPath() == null).as("a route by regular expression: classify it by hand")
          .isFalse();
      if (route.methods() == null || route.methods().isEmpty()) routes.add(ANY + " " + pattern);
      else route.methods().forEach(m -> routes.add(m.name() + " " + pattern));
    }
    var unclassified = new TreeSet<>(routes);
    unclassified.removeAll(policy);
    assertThat(unclassified).as("routes the router has that AuthorizationMatrixTest.POLICY does not classify:"
        + " add a row for each (PUBLIC, EDITOR, ADMIN, PUBLISHER or SUBSCRIBER) with a sample request").isEmpty();
    var stale = new TreeSet<>(policy);
    stale.removeAll(routes);
    assertThat(stale).as("rows of AuthorizationMatrixTest.POLICY for routes the router no longer has").isEmpty();
  }

  @Test
  void eachRouteAnswersEachCredentialAsItsPolicySays() {
    var failures = new ArrayList<String>();
    for (Rule rule : POLICY) {
      if (rule.access() == Access.EVERY_REQUEST) continue;
      for (Credential credential : Credential.values()) {
        Sample sample = rule.sample().apply(fixture);
        Answer answer = ask(sample, credential);
        Optional<String> wrong = check(rule.access(), credential, sample, answer);
        wrong.ifPresent(w -> failures.add(rule.key() + " with " + credential + " (" + sample.method() + " "
            + sample.path() + "): " + w));
      }
    }
    assertThat(failures).as("answers that break the policy").isEmpty();
  }

  /** What is wrong with {@code answer}, if anything. */
  private static Optional<String> check(Access access, Credential credential, Sample sample, Answer answer) {
    Expected expected = expected(access, credential);
    if (answer.status() >= 500) return Optional.of("a " + answer.status() + ": " + answer.body());
    return switch (expected) {
      case OK -> answer.status() == sample.okStatus() ? Optional.empty()
          : Optional.of("expected " + sample.okStatus() + ", got " + answer.status() + ": " + answer.body());
      case UNAUTHORIZED -> refusal(answer, 401, "/problems/unauthorized", true);
      case SIGNED_OUT -> refusal(answer, 401, "/problems/unauthorized", false);
      case SIGN_IN -> answer.status() == 303 && answer.header("location").orElse("").equals("/desk/sign-in")
          ? Optional.empty() : Optional.of("expected 303 to /desk/sign-in, got " + answer.status() + " "
              + answer.header("location").orElse(""));
      case FORBIDDEN -> refusal(answer, 403, "/problems/forbidden", false);
    };
  }

  private enum Expected { OK, UNAUTHORIZED, FORBIDDEN, SIGN_IN, SIGNED_OUT }

  private static Expected expected(Access access, Credential c) {
    return switch (access) {
      case PUBLIC, EVERY_REQUEST -> Expected.OK;
      case CONTRIBUTOR -> c == Credential.CONTRIBUTOR || c == Credential.EDITOR || c == Credential.ADMIN ? Expected.OK
          : Expected.UNAUTHORIZED;
      case EDITOR -> c == Credential.EDITOR || c == Credential.ADMIN ? Expected.OK
          : c == Credential.CONTRIBUTOR ? Expected.FORBIDDEN : Expected.UNAUTHORIZED;
      case ADMIN -> c == Credential.ADMIN ? Expected.OK
          : c == Credential.EDITOR || c == Credential.CONTRIBUTOR ? Expected.FORBIDDEN : Expected.UNAUTHORIZED;
      case DESK_PAGE -> Expected.SIGN_IN;
      case DESK_DATA -> Expected.SIGNED_OUT;
      case PUBLISHER, SUBSCRIPTIONS_READER -> c == Credential.JWT ? Expected.OK : Expected.UNAUTHORIZED;
      case SUBSCRIBER -> c == Credential.NONE || c == Credential.JWT ? Expected.OK : Expected.UNAUTHORIZED;
    };
  }

  private static Optional<String> refusal(Answer answer, int status, String type, boolean challenge) {
    if (answer.status() != status) return Optional.of("expected " + status + ", got " + answer.status() + ": " + answer.body());
    if (!answer.header("content-type").orElse("").startsWith("application/problem+json")) {
      return Optional.of("a " + status + " without a problem body");
    }
    try {
      JsonNode p = JSON.readTree(answer.body());
      if (!type.equals(p.path("type").asText())) return Optional.of("problem type " + p.path("type") + ", not " + type);
    } catch (IOException e) {
      return Optional.of("a problem body that is not JSON: " + answer.body());
    }
    if (challenge && !answer.header("www-authenticate").orElse("").startsWith("Bearer")) {
      return Optional.of("a 401 without WWW-Authenticate: Bearer");
    }
    return Optional.empty();
  }

  record Answer(int status, Map<String, List<String>> headers, String body) {
    Optional<String> header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream()).findFirst();
    }
  }

  private Answer ask(Sample sample, Credential credential) {
    String secret = secrets.get(credential);
    if (sample.okStatus() == 101) return handshake(sample.path(), secret);
    var b = HttpRequest.newBuilder(URI.create(server.baseUrl() + sample.path())).timeout(Duration.ofSeconds(20))
        .method(sample.method(), sample.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(sample.body()));
    if (sample.contentType() != null) b.header("Content-Type", sample.contentType());
    if (secret != null) b.header("Authorization", "Bearer " + secret);
    try {
      HttpResponse<InputStream> r = TestServer.http().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        // A stream that was let in is left unread: its status and headers are the answer.
        boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
        String body = stream ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Answer(r.statusCode(), r.headers().map(), body);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A WebSocket handshake by hand (the JDK client hides a refusal's headers): the status line and headers. */
  private Answer handshake(String path, String secret) {
    URI base = URI.create(server.baseUrl());
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(20_000);
      String request = "GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          + (secret == null ? "" : "Authorization: Bearer " + secret + "\r\n") + "\r\n";
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      var head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) break;
        head.write(c);
      }
      String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      var headers = new LinkedHashMap<String, List<String>>();
      int length = 0;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon < 0) continue;
        String name = lines[i].substring(0, colon).strip();
        String value = lines[i].substring(colon + 1).strip();
        headers.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(value);
        if (name.equalsIgnoreCase("Content-Length")) length = Integer.parseInt(value);
      }
      String body = status == 101 ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
      return new Answer(status, headers, body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Content the samples act on; a sample that uses something up (a draft, an entry) gets a fresh one. */
  static final class Fixture {
    final TestServer server;
    final String topic;
    final String article;
    final String live;

    Fixture(TestServer server) {
      this.server = server;
      this.topic = server.baseUrl() + "/matrix";
      this.article = published();
      this.live = server.app().content().create(new StoryInput(null, "live", "Matrix live", null, null, "matrix",
          null, null, "published")).slug();
    }

    String draft() {
      return story("draft");
    }

    String published() {
      return story("published");
    }

    private String story(String status) {
      return server.app().content().create(new StoryInput(null, "article", "Matrix story", null, "Body.", "matrix",
          null, null, status)).slug();
    }

    /** The path of the article's first version. */
    String firstVersion() {
      return versionPath(article);
    }

    /** The path of a new draft's first version: a contributor may restore it. */
    String firstVersionOfADraft() {
      return versionPath(draft());
    }

    private String versionPath(String slug) {
      var s = server.app().content().get(slug);
      long v = server.app().content().history().list(s, null, 100).getLast().version();
      return "/api/v1/stories/" + slug + "/versions/" + v;
    }

    long entry() {
      return server.app().content().addEntry(live, new EntryInput("An entry.", null, null, null)).id();
    }

    long token() {
      return server.app().tokens().create(Role.EDITOR, "to revoke").token().id();
    }
  }

  private static Rule rule(String method, String pattern, Access access, Function<Fixture, Sample> sample) {
    return new Rule(method, pattern, access, sample);
  }

  private static Rule pub(String method, String pattern, Function<Fixture, Sample> sample) {
    return new Rule(method, pattern, Access.PUBLIC, sample);
  }

  /** @param what the handlers it stands for, for the reader of the table */
  private static Rule every(String pattern, String what) {
    return new Rule(ANY, pattern, Access.EVERY_REQUEST, f -> null);
  }

  private static Sample get(String path, int ok) {
    return new Sample("GET", path, null, null, ok);
  }

  /** A desk form post; it never succeeds here, since no credential of the matrix is a desk session. */
  private static Sample form(String path) {
    return new Sample("POST", path, "application/x-www-form-urlencoded", "csrf=x", 200);
  }

  private static Sample json(String method, String path, String body, int ok) {
    return new Sample(method, path, body == null ? null : "application/json", body, ok);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
