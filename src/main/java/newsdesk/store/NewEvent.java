package newsdesk.store;

import java.util.List;

/**
 * An event to append. {@code id} may be null (the log assigns one). The caller guarantees that
 * {@code id} and {@code type} hold no CR, LF or NUL: they are written into SSE field lines.
 */
public record NewEvent(
    String id, String type, List<String> topics, String data, boolean privateUpdate, Long retry) {
  public NewEvent {
    topics = List.copyOf(topics);
  }

  public static NewEvent of(String type, List<String> topics, String data) {
    return new NewEvent(null, type, topics, data, false, null);
  }
}
