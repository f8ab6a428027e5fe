package newsdesk.transport.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import newsdesk.store.Event;
import org.junit.jupiter.api.Test;

/** No field can be injected into the stream, whatever an id, type or data holds. */
class SseEncoderTest {

  private static String encode(String id, String type, String data) {
    var e = new Event(1, id, type, List.of("t"), data, false, null, Instant.EPOCH);
    return SseEncoder.INSTANCE.apply(e).toString(StandardCharsets.UTF_8);
  }

  @Test
  void crLfAndNulAreRemovedFromIdAndEventName() {
    String s = encode("7\r\nevent: evil\0", "entry.added\ndata: injected\r", "{}");
    assertThat(s).isEqualTo("id: 7event: evil\nevent: entry.addeddata: injected\ndata: {}\n\n");
    assertThat(s.lines().filter(l -> l.startsWith("event:"))).hasSize(1);
  }

  @Test
  void dataWithLineBreaksBecomesSeveralDataLines() {
    String s = encode("1", "x", "one\ntwo\r\nthree\rfour");
    assertThat(s).isEqualTo("id: 1\nevent: x\ndata: one\ndata: two\ndata: three\ndata: four\n\n");
  }

  @Test
  void dataCannotEndTheEventEarlyOrAddFields() {
    String s = encode("1", "x", "a\n\nid: 99\nevent: forged");
    assertThat(s).isEqualTo("id: 1\nevent: x\ndata: a\ndata: \ndata: id: 99\ndata: event: forged\n\n");
    assertThat(s.split("\n\n", -1)).hasSize(2);
  }

  @Test
  void nulIsDroppedFromData() {
    assertThat(encode("1", "x", "a\0b")).contains("data: ab\n");
  }
}
