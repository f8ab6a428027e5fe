package newsdesk.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import newsdesk.store.Role;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desk's private topic: a change to a draft reaches a desk session's stream
 * ({@code /desk/events}) as a private {@code desk.story} event, and no anonymous reader, not even
 * one who names the desk's topic; autosaves that leave the list row as it was are not announced
 * again. Without a session the desk's stream is a 401.
 */
class DeskEventsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private TestServer server;
  private String home;
  private String desk;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
    home = server.baseUrl() + "/";
    desk = server.baseUrl() + "/desk";
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aDraftsChangesReachTheDeskStreamAndNoReader() {
    var ann = server.app().users().create("ann@example.org", "Ann Editor", Role.EDITOR, "correct horse".toCharArray());
    String session = server.app().deskSessions().start(ann).id();
    try (var reader = SseClient.connect(server.baseUrl(), null, home, desk);
        var mercure = SseClient.open(server.baseUrl() + "/.well-known/mercure?topic=" + enc(desk) + "&topic=" + enc(home), null);
        var deskStream = SseClient.open(server.baseUrl() + "/desk/events?topic=" + enc(home) + "&topic=" + enc(desk), null,
            Map.of("Cookie", "nd_session=" + session))) {
      assertThat(deskStream.response().statusCode()).isEqualTo(200);
      assertThat(server.editor("POST", "/api/v1/stories", "{\"headline\":\"Secret budget draft\",\"section\":\"politics\","
          + "\"body\":\"The minister will resign.\"}").statusCode()).isEqualTo(201);
      var announced = deskStream.next(WAIT);
      assertThat(announced.event()).isEqualTo("desk.story");
      assertThat(announced.data()).contains("\"story\":\"secret-budget-draft\"", "\"status\":\"draft\"")
          .doesNotContain("minister", "Secret budget");

      // Autosaves of the body alone leave the row as it was: at most one more announcement (a new minute).
      for (int i = 0; i < 5; i++) {
        assertThat(server.editor("PATCH", "/api/v1/stories/secret-budget-draft", "{\"body\":\"Take " + i + "\"}")
            .statusCode()).isEqualTo(200);
      }
      assertThat(server.editor("PATCH", "/api/v1/stories/secret-budget-draft", "{\"headline\":\"Budget draft\"}")
          .statusCode()).isEqualTo(200);
      // The headline is on the row: announced (once more, or twice if a new minute began meanwhile).
      assertThat(deskStream.next(WAIT).event()).isEqualTo("desk.story");
      int announcements = 1;
      while (deskStream.poll(Duration.ofMillis(700)) != null) announcements++;
      assertThat(announcements).as("six saves (five of the body alone), announced at most once each minute and on the rename")
          .isLessThanOrEqualTo(3);

      // A public story afterwards: the first thing the anonymous readers get.
      assertThat(server.editor("POST", "/api/v1/stories", "{\"headline\":\"Marker\",\"section\":\"city\","
          + "\"status\":\"published\"}").statusCode()).isEqualTo(201);
      assertThat(reader.next(WAIT).data()).contains("\"slug\":\"marker\"");
      assertThat(mercure.next(WAIT).data()).contains("\"slug\":\"marker\"");
    }
  }

  @Test
  void theDeskStreamNeedsASession() {
    var res = server.send("GET", "/desk/events?topic=" + enc(desk), null, null);
    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    var forged = server.send("GET", "/desk/events?topic=" + enc(desk), null, server.editorToken());
    assertThat(forged.statusCode()).as("an API token is not a desk session").isEqualTo(401);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
