package newsdesk.admission;

import newsdesk.hub.TopicSelector;
import newsdesk.hub.urlpattern.UrlPattern;

/**
 * Draft-08 topic matchers, shared by the {@code match}/{@code match_<type>} subscription parameters
 * and the topics of authorization details: {@code exact} (byte for byte, never a template) and
 * {@code urlpattern} (a WHATWG URL Pattern resolved against the hub's URL), and {@code *}, which
 * matches every topic whatever the type.
 */
public final class Matchers {
  public static final String EXACT = "exact";
  public static final String URLPATTERN = "urlpattern";

  private Matchers() {}

  /** A matcher the hub cannot take; the message says why. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** @throws Refused for an unknown type, a value with forbidden characters, or a malformed pattern */
  public static TopicSelector selector(String type, String value, String hubUrl) throws Refused {
    if (!type.equals(EXACT) && !type.equals(URLPATTERN)) throw new Refused("unknown matcher type '" + type + "'");
    if (value.length() > TopicLimits.MAX_TOPIC_LENGTH) {
      throw new Refused("a matcher is at most " + TopicLimits.MAX_TOPIC_LENGTH + " characters");
    }
    if (Characters.hasForbidden(value)) throw new Refused("a matcher holds no control or format characters");
    if (value.equals("*")) return TopicSelector.wildcard(type); // the type is kept: subscription events name it
    if (type.equals(EXACT)) return TopicSelector.exact(value);
    try {
      UrlPattern pattern = UrlPattern.compile(value, hubUrl);
      return TopicSelector.matching(URLPATTERN, value, topic -> pattern.test(topic, hubUrl));
    } catch (UrlPattern.Invalid e) {
      throw new Refused("not a URL pattern: " + e.getMessage());
    }
  }
}
