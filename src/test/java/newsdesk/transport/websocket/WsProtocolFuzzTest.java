package newsdesk.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import newsdesk.admission.TopicLimits;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the WebSocket protocol's decoder: any text frame is a message within
 * the limits or a refusal the connection answers (NotJson, Bad), never another exception; and the
 * error it answers with is JSON that carries the client's id and the detail back unchanged.
 * Input: one text frame. Seeds in WsProtocolFuzzTestInputs/framesDecodeOrAreRefused/.
 */
@Tag("fuzz")
class WsProtocolFuzzTest {
  private static final int MAX_TOPICS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest(maxDuration = "30s")
  void framesDecodeOrAreRefused(byte[] input) throws IOException {
    String frame = new String(input, StandardCharsets.UTF_8);
    WsProtocol.Message m;
    try {
      m = WsProtocol.parse(frame, MAX_TOPICS);
    } catch (WsProtocol.NotJson e) {
      return;
    } catch (WsProtocol.Bad e) {
      assertAnswerCarries(e.id, e.getMessage());
      return;
    }
    switch (m) {
      case WsProtocol.Subscribe s -> {
        assertId(s.id());
        assertThat(s.topics()).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_TOPICS);
        assertThat(new HashSet<>(s.topics())).hasSameSizeAs(s.topics());
        s.topics().forEach(t -> assertThat(t.length()).isBetween(1, TopicLimits.MAX_TOPIC_LENGTH));
        if (s.lastEventId() != null) assertThat(s.lastEventId().length()).isBetween(1, TopicLimits.MAX_ID_LENGTH);
        assertAnswerCarries(s.id(), "detail");
      }
      case WsProtocol.Unsubscribe u -> assertId(u.id());
      case WsProtocol.Ping p -> { }
      case WsProtocol.Pong p -> { }
    }
  }

  private static void assertId(String id) {
    assertThat(id.length()).isBetween(1, WsProtocol.MAX_SUBSCRIPTION_ID_LENGTH);
  }

  private static void assertAnswerCarries(String id, String detail) throws IOException {
    JsonNode answer = JSON.readTree(WsProtocol.error(id, 400, detail).toString(StandardCharsets.UTF_8));
    assertThat(answer.path("type").asText()).isEqualTo("error");
    assertThat(answer.path("status").asInt()).isEqualTo(400);
    // A lone surrogate (from a JSON escape) has no UTF-8 form: the encoder replaces it, as it may.
    if (wellFormed(detail)) assertThat(answer.path("detail").asText()).isEqualTo(detail);
    if (id != null && wellFormed(id)) assertThat(answer.path("id").asText()).isEqualTo(id);
  }

  private static boolean wellFormed(String s) {
    return StandardCharsets.UTF_8.newEncoder().canEncode(s);
  }
}
