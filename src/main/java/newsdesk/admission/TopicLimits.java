package newsdesk.admission;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import newsdesk.http.Problem;
import newsdesk.hub.TopicSelector;
import newsdesk.hub.UriTemplate;

/**
 * The bounds on topics and event ids that every way in shares (SSE, WebSocket, Mercure publish),
 * and the reading of an HTTP subscription's {@code topic} and {@code Last-Event-ID} within them.
 */
public final class TopicLimits {
  public static final int MAX_ID_LENGTH = 256;
  public static final int MAX_TOPIC_LENGTH = 2_048;

  private TopicLimits() {}

  /**
   * The {@code topic} parameters as selectors, or null after answering 400 when there are none,
   * more than {@code maxTopics}, or one is empty, too long or a URI template over the caps.
   */
  public static List<TopicSelector> selectors(HttpServerRequest req, int maxTopics) {
    List<String> topics = req.params().getAll("topic");
    String problem = null;
    if (topics.isEmpty()) problem = "give at least one topic parameter, e.g. ?topic=<page URL>";
    else if (topics.size() > maxTopics) problem = "at most " + maxTopics + " topics per connection";
    for (String t : topics) {
      if (t.isEmpty() || t.length() > MAX_TOPIC_LENGTH) problem = "a topic must be 1 to " + MAX_TOPIC_LENGTH + " characters";
    }
    if (problem != null) {
      Problem.badRequest("topic", problem).send(req.response(), req.path());
      return null;
    }
    try {
      return topics.stream().distinct().map(TopicSelector::of).toList();
    } catch (UriTemplate.TooComplex e) {
      Problem.badRequest("topic", e.getMessage()).send(req.response(), req.path());
      return null;
    }
  }

  /**
   * The id to resume after: the {@code Last-Event-ID} header wins over the {@code lastEventID}
   * parameter (for clients that cannot set headers); null if neither, or after answering 400 for
   * one that is too long.
   */
  public static String lastEventId(HttpServerRequest req) {
    String id = req.getHeader("Last-Event-ID");
    if (id == null || id.isEmpty()) id = req.getParam("lastEventID");
    if (id == null || id.isEmpty()) return null;
    if (id.length() > MAX_ID_LENGTH) {
      Problem.badRequest("Last-Event-ID", "an event id is at most " + MAX_ID_LENGTH + " characters")
          .send(req.response(), req.path());
      return null;
    }
    return id;
  }
}
