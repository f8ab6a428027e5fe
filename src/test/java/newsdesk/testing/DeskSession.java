package newsdesk.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A person signed in to the desk over plain HTTP, as a browser would be: the session cookie, and
 * the CSRF token the desk's pages carry, sent with every form from the site's own origin.
 */
public final class DeskSession {
  private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

  private final String base;
  private final String cookie;
  private final String csrf;

  private DeskSession(String base, String cookie, String csrf) {
    this.base = base;
    this.cookie = cookie;
    this.csrf = csrf;
  }

  /** Signs in through the sign-in form; fails the test if that does not start a session. */
  public static DeskSession signIn(TestServer server, String email, String password) {
    String base = server.baseUrl();
    var res = TestServer.exchange(HttpRequest.newBuilder(URI.create(base + "/desk/sign-in"))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
        .POST(HttpRequest.BodyPublishers.ofString(encode(Map.of("email", email, "password", password)))).build());
    String cookie = res.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';')))
        .orElseThrow(() -> new AssertionError("sign-in answered " + res.statusCode() + " without a session"));
    var page = TestServer.exchange(HttpRequest.newBuilder(URI.create(base + "/desk")).header("Cookie", cookie).build());
    var m = CSRF.matcher(page.body());
    if (!m.find()) throw new AssertionError("no CSRF token on the desk's page: " + page.statusCode());
    return new DeskSession(base, cookie, m.group(1));
  }

  public String csrf() {
    return csrf;
  }

  public HttpResponse<String> get(String path) {
    return TestServer.exchange(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .header("Cookie", cookie).build());
  }

  /** Posts a form with the session's CSRF token, from the site's origin; {@code fields} are name, value pairs. */
  public HttpResponse<String> post(String path, String... fields) {
    var form = new LinkedHashMap<String, String>();
    form.put("csrf", csrf);
    for (int i = 0; i + 1 < fields.length; i += 2) form.put(fields[i], fields[i + 1]);
    return TestServer.exchange(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .header("Cookie", cookie).header("Origin", base).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
  }

  private static String encode(Map<String, String> fields) {
    var out = new StringBuilder();
    fields.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return out.toString();
  }
}
