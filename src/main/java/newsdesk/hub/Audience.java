package newsdesk.hub;

import java.util.List;
import newsdesk.store.Event;

/**
 * Who a subscriber is allowed to hear. Public updates reach everyone who asked for their topics; a
 * private update reaches a subscriber only if one of its topics matches one of the selectors the
 * subscriber's token grants ({@code mercure.subscribe}).
 */
@FunctionalInterface
public interface Audience {
  /** An anonymous subscriber: public updates only. */
  Audience PUBLIC = e -> !e.privateUpdate();

  boolean mayReceive(Event e);

  static Audience granted(List<TopicSelector> grants) {
    if (grants.isEmpty()) return PUBLIC;
    List<TopicSelector> copy = List.copyOf(grants);
    return e -> {
      if (!e.privateUpdate()) return true;
      for (String topic : e.topics()) {
        for (TopicSelector s : copy) if (s.matches(topic)) return true;
      }
      return false;
    };
  }
}
