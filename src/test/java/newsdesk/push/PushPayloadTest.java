package newsdesk.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PushPayloadTest {
  private static PushPayload payload(String title, String body) {
    return new PushPayload("breaking", title, body, "https://news.example.org/stories/x", "/assets/icon.svg",
        "newsdesk-story-1", Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void aPayloadThatFitsIsLeftAlone() throws Exception {
    var json = new ObjectMapper().readTree(payload("Title", "Short text.").toJson());
    assertThat(json.get("body").asText()).isEqualTo("Short text.");
    assertThat(json.get("tag").asText()).isEqualTo("newsdesk-story-1");
  }

  @Test
  void aTooLongTextIsShortenedAtAWordWithAnEllipsisToAtMost3993Bytes() throws Exception {
    String body = "Wörter und Sätze 🗞 ".repeat(1_000);
    String out = payload("Title", body).toJson();
    int bytes = out.getBytes(StandardCharsets.UTF_8).length;
    assertThat(bytes).isLessThanOrEqualTo(3993).isGreaterThan(3_900);
    String text = new ObjectMapper().readTree(out).get("body").asText();
    assertThat(text).endsWith("…").doesNotContain("\uFFFD");
    assertThat(body).startsWith(text.substring(0, text.length() - 1));
  }

  @Test
  void escapingIsCountedToo() {
    String out = payload("\"quoted\"", "\u0001".repeat(4_000)).toJson(); // each becomes \u0001: six bytes
    assertThat(out.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(3993);
  }

  @Test
  void aTitleTooLongOnItsOwnIsShortenedAsWell() {
    String out = payload("T".repeat(5_000), "text").toJson();
    assertThat(out.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(3993);
  }
}
