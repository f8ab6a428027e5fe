package newsdesk.store;

import java.util.List;

/** The result of a committed write and the events it appended, in sequence order. */
public record Committed<T>(T value, List<Event> events) {
  public Committed {
    events = List.copyOf(events);
  }
}
