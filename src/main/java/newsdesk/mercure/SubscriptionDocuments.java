package newsdesk.mercure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Mercure's active subscriptions in draft-07's form: the topic of a subscription's events,
 * {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}}, and the JSON-LD documents of
 * the events and of the subscription API. Pure functions, no state; the registry that knows which
 * subscriptions are open on every node is {@code hub.Presence}.
 *
 * <p>Draft-08's form is {@link SubscriptionDocuments08}'s, with the same expansion rule
 * ({@link #expand}, each value encoded exactly once).
 */
public final class SubscriptionDocuments {
  public static final String PREFIX = "/.well-known/mercure/subscriptions";
  public static final String CONTEXT = "https://mercure.rocks/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SubscriptionDocuments() {}

  /** The topic (and id) of the events of {@code subscriber}'s subscription with {@code selector}. */
  public static String topic(String selector, String subscriber) {
    return PREFIX + "/" + expand(selector) + "/" + expand(subscriber);
  }

  /** A subscription's document, as its events carry it and the API answers it. */
  public static ObjectNode subscription(String selector, String subscriber, boolean active, JsonNode payload) {
    ObjectNode n = JSON.createObjectNode();
    n.put("@context", CONTEXT);
    n.put("id", topic(selector, subscriber));
    n.put("type", "Subscription");
    n.put("topic", selector);
    n.put("subscriber", subscriber);
    n.put("active", active);
    if (payload != null && !payload.isMissingNode() && !payload.isNull()) n.set("payload", payload);
    return n;
  }

  /** A collection of the API: {@code id} is the path asked for, {@code lastEventID} the newest event's id. */
  public static ObjectNode collection(String id, String lastEventId, List<ObjectNode> subscriptions) {
    ObjectNode n = JSON.createObjectNode();
    n.put("@context", CONTEXT);
    n.put("id", id);
    n.put("type", "Subscriptions");
    n.put("lastEventID", lastEventId);
    var list = n.putArray("subscriptions");
    for (ObjectNode s : subscriptions) {
      ObjectNode copy = s.deepCopy();
      copy.remove("@context"); // defined by the parent node
      list.add(copy);
    }
    return n;
  }

  /**
   * RFC 6570 simple expansion of one value: every byte of its UTF-8 form that is not unreserved
   * (ALPHA, DIGIT, {@code - . _ ~}) is percent-encoded, reserved characters included, so a topic's
   * {@code :}, {@code /}, {@code {} and {@code }} cannot be taken for the path's own.
   */
  static String expand(String value) {
    var out = new StringBuilder(value.length() * 3);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
