package newsdesk.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import newsdesk.store.Event;

/**
 * An event as a Redis stream entry: field {@code seq} first (a reader skips what it delivered
 * without decoding the rest), then field {@code event}, the whole event as JSON.
 */
final class StreamEntries {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private StreamEntries() {}

  /** XADD with approximate trimming: {@code ~} lets Redis drop whole nodes, which is cheap. */
  static Request xadd(RedisBusSettings settings, Event e) {
    String json;
    try {
      json = JSON.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("an event did not encode", ex);
    }
    return Request.cmd(Command.XADD).arg(settings.stream()).arg("MAXLEN").arg("~").arg(settings.maxLength())
        .arg("*").arg("seq").arg(e.seq()).arg("event").arg(json);
  }

  /** The seq of an entry's fields ({@code [name, value, ...]}), or -1 if it has none. */
  static long seq(Response fields) {
    if (fields == null || fields.size() < 2 || !"seq".equals(fields.get(0).toString())) return -1;
    try {
      return Long.parseLong(fields.get(1).toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The event in an entry's fields. Throws IllegalArgumentException if they hold none. */
  static Event event(Response fields) {
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if (!"event".equals(fields.get(i).toString())) continue;
      try {
        return JSON.readValue(fields.get(i + 1).toString(), Event.class);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("a bus entry is not an event: " + e.getOriginalMessage());
      }
    }
    throw new IllegalArgumentException("a bus entry has no event field");
  }
}
