package newsdesk.web;

import static newsdesk.web.ApiTestSupport.STORIES;
import static newsdesk.web.ApiTestSupport.assertProblem;
import static newsdesk.web.ApiTestSupport.createLive;
import static newsdesk.web.ApiTestSupport.raw;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Odd and hostile input never makes the server fail: always a 4xx problem, never a 5xx. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHostileInputTest {
  @TempDir static Path dir;
  TestServer server;
  String live;

  @BeforeAll
  void start() {
    server = TestServer.start(dir);
    live = createLive(server, true).path("slug").asText();
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  private List<String> bodyTargets() {
    return List.of("POST " + STORIES, "PATCH " + STORIES + "/" + live, "POST " + STORIES + "/" + live + "/entries",
        "POST " + STORIES + "/" + live + "/corrections", "POST /api/v1/tokens");
  }

  private void assertRefusedWithAProblem(String target, byte[] body) {
    String[] mt = target.split(" ", 2);
    String token = mt[1].startsWith("/api/v1/tokens") ? server.adminToken() : server.editorToken();
    var r = raw(server, mt[0], mt[1], body, token);
    assertThat(r.status()).as("%s with %s", target, preview(body)).isBetween(400, 499);
    assertThat(r.isProblem()).as("%s answered %s", target, r.headers()).isTrue();
  }

  private static String preview(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 80), StandardCharsets.ISO_8859_1);
    return s + (body.length > 80 ? "... (" + body.length + " bytes)" : "");
  }

  @Test
  void deeplyNestedJsonIsRefusedNotCrashed() {
    for (int depth : new int[] {1_500, 100_000}) {
      String nested = "[".repeat(depth) + "]".repeat(depth);
      for (String t : bodyTargets()) {
        assertRefusedWithAProblem(t, ("{\"tags\":" + nested + "}").getBytes(StandardCharsets.UTF_8));
        assertRefusedWithAProblem(t, nested.getBytes(StandardCharsets.UTF_8));
      }
    }
    String objects = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
    assertRefusedWithAProblem("POST " + STORIES, objects.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void hugeNumbersAreRefusedNotCrashed() {
    for (String n : List.of("1e999999", "-1e-999999", "9".repeat(5_000), "123456789012345678901234567890", "NaN",
        "0x10", "01")) {
      for (String t : bodyTargets()) {
        for (String field : List.of("headline", "pinned", "tags", "role")) {
          assertRefusedWithAProblem(t, ("{\"" + field + "\":" + n + "}").getBytes(StandardCharsets.UTF_8));
        }
      }
    }
  }

  @Test
  void nulCharactersAreRefused() {
    var escaped = "{\"headline\":\"a\\u0000b\",\"section\":\"world\"}";
    assertProblem(server.editor("POST", STORIES, escaped), 422, "headline");
    var inSlug = "{\"headline\":\"a\",\"section\":\"world\",\"slug\":\"a\\u0000b\"}";
    assertProblem(server.editor("POST", STORIES, inSlug), 422, "slug");
    var inTag = "{\"headline\":\"a\",\"section\":\"world\",\"tags\":[\"x\\u0000\"]}";
    assertProblem(server.editor("POST", STORIES, inTag), 422, "tags");
    byte[] rawNul = "{\"headline\":\"a\0b\",\"section\":\"world\"}".getBytes(StandardCharsets.UTF_8);
    assertRefusedWithAProblem("POST " + STORIES, rawNul);
    assertRefusedWithAProblem("POST " + STORIES, new byte[] {0, 0, 0, 0});
    assertThat(server.editor("GET", STORIES + "/a%00b", null).statusCode()).isEqualTo(404);
    assertProblem(server.editor("GET", STORIES + "?status=%00", null), 422, "status");
  }

  @Test
  void invalidUtf8NeverCrashes() {
    byte[][] bodies = {
        {'{', '"', 'h', 'e', 'a', 'd', 'l', 'i', 'n', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
        {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD},
        {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'},
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},
    };
    for (byte[] body : bodies) {
      for (String t : bodyTargets()) assertRefusedWithAProblem(t, body);
    }
  }

  @Test
  void veryLongSlugInPathIsRefused() {
    var r = raw(server, "GET", STORIES + "/" + "a".repeat(3_000), null, server.editorToken());
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.isProblem()).isTrue();
    var longer = raw(server, "GET", STORIES + "/" + "a".repeat(20_000), null, server.editorToken());
    assertThat(longer.status()).isBetween(400, 499);
  }

  @Test
  void percentEncodedJunkInPathIsRefusedWithAProblem() {
    for (String slug : List.of("%", "%zz", "%E0%A4%A", "%C3%28", "%FF%FE", "%00", "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e", "a%2Fb", "%25", "%u0041", "%%%", "%F0%9F%92%A9", "%0D%0ASet-Cookie:%20x=1")) {
      for (String suffix : List.of("", "/publish", "/entries/1")) {
        String method = suffix.isEmpty() ? "GET" : suffix.equals("/publish") ? "POST" : "DELETE";
        var r = raw(server, method, STORIES + "/" + slug + suffix, null, server.editorToken());
        assertThat(r.status()).as("%s %s", method, slug + suffix).isBetween(400, 499);
        assertThat(r.isProblem()).as("%s %s -> %s", method, slug + suffix, r.headers()).isTrue();
        assertThat(r.headers()).doesNotContainIgnoringCase("set-cookie");
      }
    }
    var q = raw(server, "GET", STORIES + "?limit=%zz&cursor=%", null, server.editorToken());
    assertThat(q.status()).isBetween(400, 499);
    assertThat(q.isProblem()).isTrue();
  }

  @Test
  void randomBytesNeverGiveAServerError() {
    var random = new Random(20_240_601L);
    var seeds = new ArrayList<String>(List.of("{\"headline\":\"x\",\"section\":\"world\",\"tags\":[\"a\"]}",
        "{\"body\":\"entry\",\"pinned\":true}", "{\"role\":\"editor\",\"name\":\"n\"}"));
    for (int i = 0; i < 150; i++) {
      byte[] b = seeds.get(i % seeds.size()).getBytes(StandardCharsets.UTF_8);
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      String t = bodyTargets().get(i % bodyTargets().size());
      String[] mt = t.split(" ", 2);
      String token = mt[1].startsWith("/api/v1/tokens") ? server.adminToken() : server.editorToken();
      var r = raw(server, mt[0], mt[1], b, token);
      assertThat(r.status()).as("%s with %s: %s", t, preview(b), r.body()).isLessThan(500);
    }
  }

  @Test
  void oddAuthorizationHeadersAreUnauthorized() {
    for (String h : List.of("Bearer", "Bearer ", "Bearer nd_", "bearer nd_" + "x".repeat(5_000), "Bearer \u00e9t\u00e9",
        "Token abc", "Bearer  " + server.editorToken() + "x")) {
      var r = ApiTestSupport.withAuthorization(server, "GET", STORIES, h);
      assertProblem(r, 401);
    }
  }
}
