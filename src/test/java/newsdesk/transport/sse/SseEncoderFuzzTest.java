package newsdesk.transport.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the SSE encoder: whatever an event's id, type, retry and data hold,
 * the bytes are well-formed SSE that an independent parser (the WHATWG algorithm, below) reads
 * back as exactly that event. Input: id, type, retry digits and data separated by 0xFF bytes
 * (a missing part is null). Seeds in SseEncoderFuzzTestInputs/encodedEventsParseBack/.
 */
@Tag("fuzz")
class SseEncoderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void encodedEventsParseBack(byte[] input) {
    List<String> parts = split(input);
    String id = parts.size() > 0 ? parts.get(0) : null;
    String type = parts.size() > 1 ? parts.get(1) : null;
    Long retry = parts.size() > 2 ? retry(parts.get(2)) : null;
    String data = parts.size() > 3 ? parts.get(3) : "";

    byte[] first = SseEncoder.INSTANCE.apply(new newsdesk.store.Event(1, id, type, List.of("t"), data, false, retry, java.time.Instant.EPOCH))
        .getBytes();
    byte[] second = SseEncoder.encode("next", null, null, "after").getBytes(StandardCharsets.UTF_8);
    String stream = new String(first, StandardCharsets.UTF_8) + new String(second, StandardCharsets.UTF_8);

    for (String line : stream.split("\n", -1)) {
      assertThat(line).doesNotContain("\r").doesNotContain("\0");
      assertThat(line.isEmpty() || line.matches("(?s)(id|event|retry|data): .*")).as("line %s", line).isTrue();
    }
    List<Parsed> events = SseParser.parse(stream);
    assertThat(events).hasSize(2);
    Parsed e = events.get(0);
    assertThat(e.data()).isEqualTo(viaUtf8(expectedData(data)));
    String expectedType = type == null ? "" : viaUtf8(singleLine(type));
    assertThat(e.type()).isEqualTo(expectedType.isEmpty() ? "message" : expectedType);
    assertThat(e.lastEventId()).isEqualTo(id == null ? "" : viaUtf8(singleLine(id)));
    assertThat(e.retry()).isEqualTo(retry);
    assertThat(events.get(1)).isEqualTo(new Parsed("next", "message", "after", retry));
  }

  private static List<String> split(byte[] input) {
    var parts = new ArrayList<String>();
    int start = 0;
    for (int i = 0; i <= input.length; i++) {
      if (i == input.length || input[i] == (byte) 0xFF) {
        parts.add(new String(input, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return input.length == 0 ? List.of() : parts;
  }

  private static Long retry(String digits) {
    String d = digits.replaceAll("[^0-9]", "");
    return d.isEmpty() ? null : Long.parseLong(d.substring(0, Math.min(d.length(), 12)));
  }

  private static String singleLine(String v) {
    return v.replace("\r", "").replace("\n", "").replace("\0", "");
  }

  private static String expectedData(String data) {
    return data.replace("\r\n", "\n").replace('\r', '\n').replace("\0", "");
  }

  /** What UTF-8 can carry: a lone surrogate goes out as '?'. */
  private static String viaUtf8(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  record Parsed(String lastEventId, String type, String data, Long retry) {}

  /** The event-stream interpretation of the HTML standard (§9.2.6), written apart from the encoder and from testing.SseClient on purpose. */
  static final class SseParser {
    static List<Parsed> parse(String stream) {
      if (stream.startsWith("\uFEFF")) stream = stream.substring(1);
      var out = new ArrayList<Parsed>();
      String lastEventId = "";
      String type = "";
      Long retry = null;
      var data = new StringBuilder();
      int i = 0;
      int n = stream.length();
      while (i < n) {
        int end = i;
        while (end < n && stream.charAt(end) != '\n' && stream.charAt(end) != '\r') end++;
        if (end == n) break; // an unterminated line at the end of the stream is never processed
        String line = stream.substring(i, end);
        i = stream.charAt(end) == '\r' && end + 1 < n && stream.charAt(end + 1) == '\n' ? end + 2 : end + 1;
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            String d = data.charAt(data.length() - 1) == '\n' ? data.substring(0, data.length() - 1) : data.toString();
            out.add(new Parsed(lastEventId, type.isEmpty() ? "message" : type, d, retry));
          }
          data.setLength(0);
          type = "";
          continue;
        }
        if (line.charAt(0) == ':') continue;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        switch (field) {
          case "event" -> type = value;
          case "data" -> data.append(value).append('\n');
          case "id" -> {
            if (value.indexOf('\0') < 0) lastEventId = value;
          }
          case "retry" -> {
            if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) retry = Long.parseLong(value);
          }
          default -> { }
        }
      }
      return out;
    }
  }
}
