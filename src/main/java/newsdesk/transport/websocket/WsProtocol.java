package newsdesk.transport.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import newsdesk.admission.TopicLimits;
import newsdesk.hub.TopicSelector;
import newsdesk.hub.UriTemplate;

/**
 * The WebSocket protocol's messages, one JSON object per text frame, told apart by {@code type}.
 * Client to server: {@code subscribe}, {@code unsubscribe}, {@code ping}, {@code pong}. Server to
 * client: {@code subscribed}, {@code unsubscribed}, {@code event} (see {@link WsEncoder}),
 * {@code gap}, {@code error}, {@code ping}, {@code pong}. docs/live-updates.md documents them.
 */
final class WsProtocol {
  static final int MAX_SUBSCRIPTION_ID_LENGTH = 256;
  private static final ObjectMapper JSON = new ObjectMapper();

  static final Buffer PING = Buffer.buffer("{\"type\":\"ping\"}");
  static final Buffer PONG = Buffer.buffer("{\"type\":\"pong\"}");

  private WsProtocol() {}

  /** A message from the client. */
  sealed interface Message {}

  /** @param lastEventId where to resume, {@code earliest}, or null for live only */
  record Subscribe(String id, List<String> topics, String lastEventId) implements Message {}

  record Unsubscribe(String id) implements Message {}

  record Ping() implements Message {}

  record Pong() implements Message {}

  /** The frame is not a JSON object at all. */
  static final class NotJson extends Exception {
    NotJson() {
      super("a message must be a JSON object with a \"type\"", null, false, false);
    }
  }

  /** A JSON message the server cannot act on; {@code id} is its subscription id if it had one. */
  static final class Bad extends Exception {
    final String id;

    Bad(String id, String detail) {
      super(detail, null, false, false);
      this.id = id;
    }
  }

  static Message parse(String text, int maxTopics) throws NotJson, Bad {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new NotJson();
    }
    if (n == null || !n.isObject()) throw new NotJson();
    String type = n.path("type").isTextual() ? n.get("type").asText() : null;
    if (type == null) throw new Bad(null, "a message needs a \"type\": subscribe, unsubscribe or ping");
    return switch (type) {
      case "subscribe" -> subscribe(n, maxTopics);
      case "unsubscribe" -> new Unsubscribe(id(n));
      case "ping" -> new Ping();
      case "pong" -> new Pong();
      default -> throw new Bad(null, "unknown message type '" + abbreviate(type) + "'");
    };
  }

  private static Subscribe subscribe(JsonNode n, int maxTopics) throws Bad {
    String id = id(n);
    JsonNode topics = n.get("topics");
    if (topics == null || !topics.isArray() || topics.isEmpty()) {
      throw new Bad(id, "\"topics\" must be a non-empty array of topic selectors");
    }
    if (topics.size() > maxTopics) throw new Bad(id, "at most " + maxTopics + " topics per subscription");
    var distinct = new LinkedHashSet<String>();
    for (JsonNode t : topics) {
      if (!t.isTextual() || t.asText().isEmpty() || t.asText().length() > TopicLimits.MAX_TOPIC_LENGTH) {
        throw new Bad(id, "a topic must be a string of 1 to " + TopicLimits.MAX_TOPIC_LENGTH + " characters");
      }
      try {
        TopicSelector.of(t.asText()); // only to refuse a template over the caps here, with the subscription's id
      } catch (UriTemplate.TooComplex e) {
        throw new Bad(id, e.getMessage());
      }
      distinct.add(t.asText());
    }
    JsonNode last = n.get("lastEventId");
    String lastEventId = null;
    if (last != null && !last.isNull()) {
      if (!last.isTextual() || last.asText().isEmpty() || last.asText().length() > TopicLimits.MAX_ID_LENGTH) {
        throw new Bad(id, "\"lastEventId\" must be a string of 1 to " + TopicLimits.MAX_ID_LENGTH + " characters");
      }
      lastEventId = last.asText();
    }
    return new Subscribe(id, new ArrayList<>(distinct), lastEventId);
  }

  private static String id(JsonNode n) throws Bad {
    JsonNode id = n.get("id");
    if (id == null || !id.isTextual() || id.asText().isEmpty() || id.asText().length() > MAX_SUBSCRIPTION_ID_LENGTH) {
      throw new Bad(null, "\"id\" must be a string of 1 to " + MAX_SUBSCRIPTION_ID_LENGTH + " characters");
    }
    return id.asText();
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }

  /** {@code lastEventId}: the id the subscription resumes after, {@code earliest}, or null if live. */
  static Buffer subscribed(String id, String lastEventId) {
    return encode(object("subscribed", id).put("lastEventId", lastEventId));
  }

  static Buffer unsubscribed(String id) {
    return encode(object("unsubscribed", id));
  }

  /** The history the subscription asked for is gone: the client should reload its content. */
  static Buffer gap(String id) {
    return encode(object("gap", id));
  }

  static Buffer error(String id, int status, String detail) {
    return encode(object("error", id).put("status", status).put("detail", detail));
  }

  private static ObjectNode object(String type, String id) {
    ObjectNode o = JSON.createObjectNode().put("type", type);
    if (id != null) o.put("id", id);
    return o;
  }

  private static Buffer encode(ObjectNode o) {
    try {
      return Buffer.buffer(JSON.writeValueAsBytes(o));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree of strings and numbers always serialises
    }
  }
}
