package newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import newsdesk.testing.HostileJson;
import newsdesk.testing.Jwts;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the API and the Mercure publish form over generated input (QuickTheories,
 * docs/decisions/0122-property-tests-quicktheories.md): whatever JSON or form a client sends, the
 * answer is a 2xx, or a 4xx with a problem body, never a 5xx; and a valid story reads back as created.
 */
class ApiPropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXAMPLES = 200;

  @TempDir static Path dir;
  private static TestServer server;
  private static String entryId;

  /** A route, the fields its body may hold, and who calls it. */
  record Route(String method, String path, List<String> fields, String token) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  record Call(Route route, String body) {}

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, Map.of("mercure.publisher-key", Jwts.PUBLISHER_KEY));
    assertThat(server.editor("POST", "/api/v1/stories",
        "{\"slug\":\"prop-article\",\"headline\":\"An article\",\"section\":\"news\",\"status\":\"published\"}").statusCode())
        .isEqualTo(201);
    assertThat(server.editor("POST", "/api/v1/stories",
        "{\"slug\":\"prop-live\",\"kind\":\"live\",\"headline\":\"A live blog\",\"section\":\"news\",\"status\":\"published\"}")
        .statusCode()).isEqualTo(201);
    var entry = server.editor("POST", "/api/v1/stories/prop-live/entries", "{\"body\":\"First\"}");
    assertThat(entry.statusCode()).isEqualTo(201);
    entryId = JSON.readTree(entry.body()).path("id").asText();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  private static List<Route> routes() {
    String editor = server.editorToken();
    List<String> story = List.of("slug", "kind", "headline", "summary", "body", "section", "tags", "authors", "status");
    List<String> entry = List.of("body", "author", "keyEvent", "pinned");
    return List.of(
        new Route("POST", "/api/v1/stories", story, editor),
        new Route("PATCH", "/api/v1/stories/prop-article", story, editor),
        new Route("POST", "/api/v1/stories/prop-live/entries", entry, editor),
        new Route("PATCH", "/api/v1/stories/prop-live/entries/" + entryId, entry, editor),
        new Route("POST", "/api/v1/stories/prop-article/corrections", List.of("text"), editor),
        new Route("POST", "/api/v1/alerts", List.of("headline", "story", "text", "section"), editor),
        new Route("POST", "/api/v1/tokens", List.of("role", "name"), server.adminToken()),
        new Route("POST", "/push/subscriptions", List.of("endpoint", "keys", "p256dh", "auth", "topics", "replaces"), null),
        new Route("DELETE", "/push/subscriptions", List.of("endpoint"), null));
  }

  @Test
  void anyJsonToAnyRouteIsA2xxOrA4xxProblemNeverA5xx() {
    Gen<Call> calls = Generate.pick(routes()).flatMap(r -> HostileJson.bodyFor(r.fields()).map(b -> new Call(r, b)));
    qt().withExamples(EXAMPLES).withShrinkCycles(50).forAll(calls).checkAssert(call -> {
      var res = server.send(call.route().method(), call.route().path(), call.body(), call.route().token());
      assertAnsweredWithoutFault(res, call.toString());
    });
  }

  @Test
  void anyMercureFormIsA2xxOrA4xxProblemNeverA5xx() {
    String jwt = Jwts.publisher(List.of("*"));
    Gen<String> field = in -> {
      String key = Generate.range(0, 5).generate(in) == 0 ? HostileJson.text(10).generate(in)
          : Generate.pick(List.of("topic", "id", "type", "retry", "data", "private")).generate(in);
      String value = Generate.range(0, 3).generate(in) == 0
          ? Generate.pick(List.of("", "earliest", "123", "-1", "999999999999", "%ZZ", "%", "a%2")).generate(in)
          : HostileJson.text(300).generate(in);
      // raw: the value as typed, so broken escapes and bare '&' and '=' reach the decoder too
      return Generate.booleans().generate(in) ? key + "=" + value
          : URLEncoder.encode(key, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    };
    Gen<String> forms = in -> {
      int n = Generate.range(0, 8).generate(in);
      var sb = new StringBuilder();
      for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : "&").append(field.generate(in));
      return sb.toString();
    };
    qt().withExamples(EXAMPLES).withShrinkCycles(50).forAll(forms).checkAssert(form -> {
      var req = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/.well-known/mercure"))
          .timeout(Duration.ofSeconds(20))
          .header("Authorization", "Bearer " + jwt)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build();
      assertAnsweredWithoutFault(send(req), form);
    });
  }

  @Test
  void aValidStoryReadsBackAsCreated() {
    Gen<String> text = validText(120);
    Gen<String> section = Generate.pick(List.of("news", "world", "sport-2", "a", "x1-y2-z3"));
    Gen<List<String>> tags = in -> {
      int n = Generate.range(0, 4).generate(in);
      var out = new java.util.ArrayList<String>();
      for (int i = 0; i < n; i++) out.add(validText(40).generate(in));
      return out;
    };
    qt().withExamples(100).withShrinkCycles(50).forAll(text, text, section, tags).checkAssert((headline, body, sec, tagList) -> {
      var in = JSON.createObjectNode().put("headline", headline).put("body", body).put("summary", body)
          .put("section", sec).put("status", "published");
      tagList.forEach(in.putArray("tags")::add);
      in.putArray("authors").add(" Ada Writer ");
      var created = server.editor("POST", "/api/v1/stories", in.toString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode c = read(created.body());
      JsonNode got = read(server.editor("GET", "/api/v1/stories/" + c.path("slug").asText(), null).body());
      for (JsonNode n : List.of(c, got)) {
        assertThat(n.path("headline").asText()).isEqualTo(headline.strip());
        assertThat(n.path("body").asText()).isEqualTo(body.strip());
        assertThat(n.path("summary").asText()).isEqualTo(body.strip());
        assertThat(n.path("section").asText()).isEqualTo(sec);
        assertThat(n.path("status").asText()).isEqualTo("published");
        assertThat(strings(n.path("tags"))).isEqualTo(tagList.stream().map(String::strip).distinct().toList());
        assertThat(strings(n.path("authors"))).containsExactly("Ada Writer");
      }
      assertThat(got).isEqualTo(c);
    });
  }

  /** Text a story may hold: any Unicode but NUL and lone surrogates, not blank. */
  private static Gen<String> validText(int max) {
    return HostileJson.text(max)
        .map(s -> s.replace("\0", "").codePoints().filter(cp -> cp < 0xD800 || cp > 0xDFFF)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())
        .assuming(s -> !s.isBlank());
  }

  private static void assertAnsweredWithoutFault(HttpResponse<String> res, String what) {
    int status = res.statusCode();
    assertThat(status).as("%s answered %s: %s", what, status, res.body()).isBetween(200, 499);
    if (status < 400) return;
    assertThat(res.headers().firstValue("Content-Type").orElse(""))
        .as("%s answered %s", what, status).startsWith("application/problem+json");
    JsonNode problem = read(res.body());
    assertThat(problem.path("status").asInt()).as(res.body()).isEqualTo(status);
    assertThat(problem.path("type").isTextual()).as(res.body()).isTrue();
    assertThat(problem.path("title").isTextual()).as(res.body()).isTrue();
  }

  private static List<String> strings(JsonNode array) {
    var out = new java.util.ArrayList<String>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private static HttpResponse<String> send(HttpRequest req) {
    try {
      return TestServer.http().send(req, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
