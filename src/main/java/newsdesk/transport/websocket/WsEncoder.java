package newsdesk.transport.websocket;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import newsdesk.store.Event;

/**
 * Encodes an event as the WebSocket {@code event} message:
 * {@code {"type":"event","id":…,"event":…,"topics":[…],"data":…}}. {@code data} is the same text an
 * SSE event carries (JSON for newsroom events, anything for Mercure updates), as a JSON string.
 *
 * <p>The message names no subscription: it is encoded once and the same bytes go to every
 * WebSocket subscriber, so clients route it by its topics.
 */
public final class WsEncoder implements Function<Event, Buffer> {
  /** The one instance, so each event is encoded once for all WebSocket subscribers. */
  public static final WsEncoder INSTANCE = new WsEncoder();
  private static final JsonFactory JSON = new JsonFactory();

  private WsEncoder() {}

  @Override
  public Buffer apply(Event e) {
    var out = new ByteArrayOutputStream(e.data().length() + 128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "event");
      g.writeStringField("id", e.id());
      g.writeStringField("event", e.type() == null || e.type().isEmpty() ? "message" : e.type());
      g.writeArrayFieldStart("topics");
      for (String t : e.topics()) g.writeString(t);
      g.writeEndArray();
      g.writeStringField("data", e.data());
      g.writeEndObject();
    } catch (IOException x) {
      throw new UncheckedIOException(x); // a ByteArrayOutputStream does not fail
    }
    return Buffer.buffer(out.toByteArray());
  }
}
