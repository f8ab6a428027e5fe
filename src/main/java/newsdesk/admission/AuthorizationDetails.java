package newsdesk.admission;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsdesk.hub.TopicSelector;

/**
 * Reads the RFC 9396 {@code authorization_details} claim of a draft-08 access token into the
 * topic selectors it grants for {@code publish} and {@code subscribe}. Only details of the Mercure
 * type count; unknown actions grant nothing; anything malformed in a Mercure detail (and anything
 * over the bounds) refuses the whole token, never part of it, as draft-08 requires.
 */
final class AuthorizationDetails {
  static final String TYPE = "https://mercure.rocks/authorization-detail";
  static final int MAX_DETAILS = 64;
  static final int MAX_TOPICS = 100;

  private AuthorizationDetails() {}

  /** What one token grants: selectors per action. */
  record Grants(List<TopicSelector> publish, List<TopicSelector> subscribe, List<MercureToken.Payload> payloads) {}

  /** @param hubUrl the base of relative URL patterns */
  static Grants read(Object claim, String hubUrl) throws MercureAuth.Invalid {
    var publish = new ArrayList<TopicSelector>();
    var subscribe = new ArrayList<TopicSelector>();
    var payloads = new ArrayList<MercureToken.Payload>();
    if (claim == null) return new Grants(List.of(), List.of(), List.of());
    if (!(claim instanceof List<?> details)) throw new MercureAuth.Invalid("authorization_details must be an array");
    int mercureDetails = 0;
    for (Object d : details) {
      if (!(d instanceof Map<?, ?> detail)) throw new MercureAuth.Invalid("each authorization detail must be an object");
      if (!TYPE.equals(detail.get("type"))) continue; // another API's detail: not ours to judge
      if (++mercureDetails > MAX_DETAILS) throw new MercureAuth.Invalid("at most " + MAX_DETAILS + " Mercure details");
      List<String> actions = actions(detail.get("actions"));
      List<TopicSelector> topics = topics(detail.get("topics"), hubUrl);
      Object payload = detail.get("payload");
      if (payload != null && !(payload instanceof Map)) throw new MercureAuth.Invalid("a detail's payload must be an object");
      if (actions.contains("publish")) publish.addAll(topics);
      if (actions.contains("subscribe")) subscribe.addAll(topics);
      if (actions.contains("subscribe") && payload != null) {
        @SuppressWarnings("unchecked") Map<String, Object> object = (Map<String, Object>) payload;
        payloads.add(new MercureToken.Payload(topics, JSONObjectUtils.toJSONString(object)));
      }
    }
    return new Grants(List.copyOf(publish), List.copyOf(subscribe), List.copyOf(payloads));
  }

  private static List<String> actions(Object value) throws MercureAuth.Invalid {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new MercureAuth.Invalid("a Mercure detail needs a non-empty actions array");
    }
    var out = new ArrayList<String>(list.size());
    for (Object a : list) {
      if (!(a instanceof String s)) throw new MercureAuth.Invalid("actions must be strings");
      out.add(s);
    }
    return out;
  }

  private static List<TopicSelector> topics(Object value, String hubUrl) throws MercureAuth.Invalid {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new MercureAuth.Invalid("a Mercure detail needs a non-empty topics array");
    }
    if (list.size() > MAX_TOPICS) throw new MercureAuth.Invalid("at most " + MAX_TOPICS + " topics per detail");
    var out = new ArrayList<TopicSelector>(list.size());
    for (Object t : list) {
      if (!(t instanceof Map<?, ?> matcher)) throw new MercureAuth.Invalid("each topic matcher must be an object");
      if (!(matcher.get("match") instanceof String match)) throw new MercureAuth.Invalid("a topic matcher needs a match string");
      Object type = matcher.containsKey("match_type") ? matcher.get("match_type") : "exact";
      try {
        out.add(Matchers.selector(type instanceof String s ? s : "", match, hubUrl));
      } catch (Matchers.Refused e) {
        throw new MercureAuth.Invalid(e.getMessage());
      }
    }
    return out;
  }
}
