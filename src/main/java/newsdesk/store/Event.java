package newsdesk.store;

import java.time.Instant;
import java.util.List;

/**
 * An event in the durable log. {@code seq} orders the log strictly; {@code id} is what clients see
 * as the SSE id (the publisher's own id where one was given, else {@code seq} in decimal).
 * {@code type} may be null (a plain "message"); {@code retry} is the SSE reconnection hint, or null.
 */
public record Event(
    long seq, String id, String type, List<String> topics, String data, boolean privateUpdate,
    Long retry, Instant createdAt) {

  public Event {
    topics = List.copyOf(topics);
  }
}
