package newsdesk.mercure;

import io.vertx.core.MultiMap;
import java.util.List;

/** Reads a Mercure publish form into an update, refusing what could break the SSE stream. */
final class MercureUpdates {
  private MercureUpdates() {}

  /** A field the hub will not take; {@code field} names it. */
  static final class Refused extends Exception {
    private final String field;

    Refused(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  static newsdesk.store.NewEvent parse(MultiMap form, int maxTopics, int maxTopicLength, int maxIdLength) throws Refused {
    List<String> topics = form.getAll("topic");
    if (topics.isEmpty()) throw new Refused("topic", "an update needs at least one topic");
    if (topics.size() > maxTopics) throw new Refused("topic", "at most " + maxTopics + " topics per update");
    for (String t : topics) {
      if (t.isEmpty() || t.length() > maxTopicLength) throw new Refused("topic", "a topic must be 1 to " + maxTopicLength + " characters");
    }
    String id = form.get("id");
    if (id != null) {
      if (id.isEmpty() || id.length() > maxIdLength || hasControl(id)) {
        throw new Refused("id", "an id must be 1 to " + maxIdLength + " characters with no control characters");
      }
      if (id.equals("earliest")) throw new Refused("id", "'earliest' is reserved for Last-Event-ID");
      // The hub's own ids are sequence numbers; a publisher's all-digit id could be mistaken for one.
      if (id.chars().allMatch(Character::isDigit)) throw new Refused("id", "all-digit ids are reserved for the hub's own");
    }
    String type = form.get("type");
    if (type != null && (type.length() > 256 || hasControl(type))) {
      throw new Refused("type", "type must be at most 256 characters with no control characters");
    }
    if (type != null && type.isEmpty()) type = null;
    Long retry = null;
    String r = form.get("retry");
    if (r != null) {
      if (!r.matches("[0-9]{1,9}")) throw new Refused("retry", "retry must be a number of milliseconds");
      retry = Long.parseLong(r);
    }
    String data = form.get("data");
    return new newsdesk.store.NewEvent(id, type, topics, data == null ? "" : data, form.contains("private"), retry);
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
    }
    return false;
  }
}
