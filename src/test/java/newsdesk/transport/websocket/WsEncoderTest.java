package newsdesk.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import newsdesk.hub.Delivery;
import newsdesk.store.Event;
import org.junit.jupiter.api.Test;

class WsEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void hostileDataStaysInsideItsStringAndAnUntypedEventIsAMessage() throws Exception {
    String data = "line\n\"quoted\"}, \"type\":\"gap\u0000";
    var e = new Event(7, "7", null, List.of("https://x/\"a\""), data, false, null, Instant.EPOCH);
    JsonNode n = JSON.readTree(WsEncoder.INSTANCE.apply(e).getBytes());
    assertThat(n.get("type").asText()).isEqualTo("event");
    assertThat(n.get("event").asText()).isEqualTo("message");
    assertThat(n.get("data").asText()).isEqualTo(data);
    assertThat(n.get("topics").get(0).asText()).isEqualTo("https://x/\"a\"");
  }

  @Test
  void eachEventIsEncodedOnceForAllSubscribers() {
    var d = new Delivery(new Event(1, "a", "t", List.of("x"), "{}", false, null, Instant.EPOCH));
    assertThat(d.encoded(WsEncoder.INSTANCE)).isSameAs(d.encoded(WsEncoder.INSTANCE));
  }
}
