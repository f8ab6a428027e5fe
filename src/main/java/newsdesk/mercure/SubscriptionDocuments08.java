package newsdesk.mercure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Mercure's active subscriptions in draft-08's form: the topic of a subscription's events,
 * {@code /.well-known/mercure/subscriptions/{match_type}/{match}/{subscriber}} (each value
 * percent-encoded once, by {@link SubscriptionDocuments#expand}), and the plain JSON documents of
 * the events ({@code type} {@code subscription}) and of the API's collections ({@code type}
 * {@code subscriptions}; the cursor travels in the Link header, not the body). Pure functions.
 */
public final class SubscriptionDocuments08 {
  /** The SSE event type of subscription events; publishers cannot use it. */
  public static final String EVENT_TYPE = "mercure";
  static final String TYPE = "subscription";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SubscriptionDocuments08() {}

  /** The collection of the subscriptions with one matcher: its path, and the prefix of theirs. */
  public static String matcher(String matchType, String match) {
    return SubscriptionDocuments.PREFIX + "/" + SubscriptionDocuments.expand(matchType) + "/"
        + SubscriptionDocuments.expand(match);
  }

  /** The topic (and id) of the events of {@code subscriber}'s subscription with this matcher. */
  public static String topic(String matchType, String match, String subscriber) {
    return matcher(matchType, match) + "/" + SubscriptionDocuments.expand(subscriber);
  }

  /** A subscription's document, as its events carry it and the API answers it. */
  public static ObjectNode subscription(String matchType, String match, String subscriber, boolean active,
      JsonNode payload) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", topic(matchType, match, subscriber));
    n.put("type", TYPE);
    n.put("match_type", matchType);
    n.put("match", match);
    n.put("subscriber", subscriber);
    n.put("active", active);
    if (payload != null && !payload.isMissingNode() && !payload.isNull()) n.set("payload", payload);
    return n;
  }

  /** A collection of the API: {@code id} is the path asked for. */
  public static ObjectNode collection(String id, List<ObjectNode> subscriptions) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id);
    n.put("type", "subscriptions");
    n.putArray("subscriptions").addAll(subscriptions);
    return n;
  }
}
