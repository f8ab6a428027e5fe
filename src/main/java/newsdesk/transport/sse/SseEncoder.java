package newsdesk.transport.sse;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import newsdesk.store.Event;

/**
 * Encodes events as Server-Sent Events. No field can be injected: CR, LF and NUL are removed from
 * {@code id} and {@code event}, and {@code data} is split into one {@code data:} line per line.
 */
public final class SseEncoder implements Function<Event, Buffer> {
  /** The one instance, so each event is encoded once for all SSE subscribers. */
  public static final SseEncoder INSTANCE = new SseEncoder();

  private SseEncoder() {}

  @Override
  public Buffer apply(Event e) {
    return Buffer.buffer(encode(e.id(), e.type(), e.retry(), e.data()).getBytes(StandardCharsets.UTF_8));
  }

  public static String encode(String id, String type, Long retry, String data) {
    var sb = new StringBuilder(data.length() + 64);
    if (id != null) sb.append("id: ").append(field(id)).append('\n');
    if (type != null && !type.isEmpty()) sb.append("event: ").append(field(type)).append('\n');
    if (retry != null) sb.append("retry: ").append(retry.longValue()).append('\n');
    int start = 0;
    int n = data.length();
    for (int i = 0; i < n; i++) {
      char ch = data.charAt(i);
      if (ch == '\n' || ch == '\r') {
        appendData(sb, data, start, i);
        if (ch == '\r' && i + 1 < n && data.charAt(i + 1) == '\n') i++;
        start = i + 1;
      }
    }
    appendData(sb, data, start, n);
    return sb.append('\n').toString();
  }

  private static void appendData(StringBuilder sb, String data, int from, int to) {
    sb.append("data: ");
    for (int i = from; i < to; i++) {
      char ch = data.charAt(i);
      if (ch != '\0') sb.append(ch);
    }
    sb.append('\n');
  }

  /** A single-line field value: CR, LF and NUL would end the line or the event early. */
  static String field(String v) {
    var sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch != '\r' && ch != '\n' && ch != '\0') sb.append(ch);
    }
    return sb.toString();
  }
}
