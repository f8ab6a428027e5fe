package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import newsdesk.store.Role;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in over plain HTTP: the cookie's attributes, the desk's headers, the Origin check and the attempt limits. */
class DeskSignInTest {
  private static final String PASSWORD = "correct horse battery";

  @TempDir Path dir;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private void start(Map<String, String> settings) {
    server = TestServer.start(dir.resolve("data"), settings);
    server.createUser("ann@example.org", Role.EDITOR, PASSWORD);
  }

  @Test
  void aSignInSetsAnHttpOnlyLaxCookieAndTheDeskAnswersWithItsLockedDownHeaders() {
    start(Map.of());
    var res = signIn("Ann@Example.org", PASSWORD, server.baseUrl());
    assertThat(res.statusCode()).isEqualTo(303);
    assertThat(res.headers().firstValue("Location")).hasValue("/desk");
    String cookie = res.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("nd_session=").contains("; Path=/", "; HttpOnly", "; SameSite=Lax", "; Max-Age=43200")
        .doesNotContain("Secure");
    String id = cookie.substring("nd_session=".length(), cookie.indexOf(';'));
    assertThat(id).matches("[A-Za-z0-9_-]{43}");

    var desk = get("/desk", "nd_session=" + id);
    assertThat(desk.statusCode()).isEqualTo(200);
    String csp = desk.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self'", "form-action 'self'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(desk.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(desk.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(desk.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    assertThat(desk.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(desk.body()).contains("Desk editor", "name=\"csrf-token\"").doesNotContain("<script>", " style=");
    // The sign-in page has the same headers and no script at all.
    var page = get("/desk/sign-in", null);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(csp);
    assertThat(page.body()).doesNotContain("<script");
  }

  @Test
  void withAnHttpsPublicUrlTheCookieIsSecureAndHostPrefixed() {
    start(Map.of("public-url", "https://desk.example.org"));
    var res = signIn("ann@example.org", PASSWORD, "https://desk.example.org");
    assertThat(res.statusCode()).isEqualTo(303);
    assertThat(res.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("__Host-nd_session=")
        .contains("; Secure", "; Path=/", "; HttpOnly", "; SameSite=Lax").doesNotContain("Domain");
  }

  @Test
  void aSignInFromAnotherOriginOrWithAWrongPasswordSetsNoCookie() {
    start(Map.of());
    var foreign = signIn("ann@example.org", PASSWORD, "http://evil.example");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Set-Cookie")).isEmpty();
    var wrong = signIn("ann@example.org", "not the password", server.baseUrl());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(wrong.body()).contains("The email or password is not right.", "value=\"ann@example.org\"")
        .doesNotContain("not the password");
    var unknown = signIn("nobody@example.org", PASSWORD, server.baseUrl());
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).contains("The email or password is not right.");
  }

  @Test
  void pagesWithoutASessionGoToSignInAndTheirDataAnswers401() {
    start(Map.of());
    var list = get("/desk", null);
    assertThat(list.statusCode()).isEqualTo(303);
    assertThat(list.headers().firstValue("Location")).hasValue("/desk/sign-in");
    assertThat(get("/desk", "nd_session=made-up").statusCode()).isEqualTo(303);
    var rows = get("/desk/rows", "nd_session=made-up");
    assertThat(rows.statusCode()).isEqualTo(401);
    assertThat(rows.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void anAccountGetsFiveTriesAtOnceThenIsHeldOffEvenWithTheRightPassword() {
    // The default burst; a slow refill so a slow machine's hashing time cannot earn a try back.
    start(Map.of("limits.sign-in-per-minute", "1"));
    for (int i = 0; i < 5; i++) assertThat(signIn("ann@example.org", "wrong " + i, server.baseUrl()).statusCode()).isEqualTo(401);
    var held = signIn("ann@example.org", PASSWORD, server.baseUrl());
    assertThat(held.statusCode()).isEqualTo(429);
    assertThat(held.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(Long.parseLong(held.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
    assertThat(held.body()).contains("Too many sign-in attempts");
    assertThat(signIn("ANN@example.org ", PASSWORD, server.baseUrl()).statusCode()).as("the same account spelt otherwise")
        .isEqualTo(429);
    // Another account from the same address is not held off by it.
    server.createUser("bob@example.org", Role.EDITOR, PASSWORD);
    assertThat(signIn("bob@example.org", PASSWORD, server.baseUrl()).statusCode()).isEqualTo(303);
  }

  @Test
  void oneAddressGetsTwentyTriesAcrossAccountsThenIsHeldOff() {
    start(Map.of("limits.sign-in-ip-per-minute", "1"));
    for (int i = 0; i < 19; i++) {
      assertThat(signIn("guess" + i + "@example.org", PASSWORD, server.baseUrl()).statusCode()).isEqualTo(401);
    }
    assertThat(signIn("ann@example.org", PASSWORD, server.baseUrl()).statusCode()).isEqualTo(303);
    assertThat(signIn("ann@example.org", PASSWORD, server.baseUrl()).statusCode()).isEqualTo(429);
  }

  private HttpResponse<String> signIn(String email, String password, String origin) {
    String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    var req = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/desk/sign-in"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Origin", origin)
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    return TestServer.exchange(req);
  }

  private HttpResponse<String> get(String path, String cookie) {
    var b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
    if (cookie != null) b.header("Cookie", cookie);
    return TestServer.exchange(b.build());
  }
}
