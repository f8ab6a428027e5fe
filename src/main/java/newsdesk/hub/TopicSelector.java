package newsdesk.hub;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * A topic selector: {@code *}, an exact string, a URI Template (draft-07's selectors), or a
 * matcher of another kind (draft-08's URL patterns). A string matches when the selector is
 * {@code *}, when the two are identical (so a template also matches itself), or when the template
 * or matcher accepts it.
 */
public final class TopicSelector {
  private final String selector;
  private final String kind;
  private final UriTemplate template;
  private final Predicate<String> matcher;

  private TopicSelector(String selector, String kind, UriTemplate template, Predicate<String> matcher) {
    this.selector = selector;
    this.kind = kind;
    this.template = template;
    this.matcher = matcher;
  }

  /**
   * A draft-07 selector: a URI Template when it holds '{', else exact (or {@code *}).
   *
   * @throws UriTemplate.TooComplex for a template over the caps; the caller answers 400
   */
  public static TopicSelector of(String selector) {
    Optional<UriTemplate> t = selector.indexOf('{') >= 0 ? UriTemplate.parse(selector) : Optional.empty();
    return new TopicSelector(selector, t.isPresent() ? "template" : "exact", t.orElse(null), null);
  }

  /** {@code *}, every topic, named as a matcher of {@code kind} (draft-08's {@code *} under any type). */
  public static TopicSelector wildcard(String kind) {
    return new TopicSelector("*", kind, null, null);
  }

  /** Byte-for-byte equality only, whatever the string holds. */
  public static TopicSelector exact(String topic) {
    return new TopicSelector(topic, "exact", null, null);
  }

  /**
   * A selector of another kind; {@code matches} must be cheap and never block (it runs on the
   * fan-out's loop once per event and distinct selector).
   */
  public static TopicSelector matching(String kind, String value, Predicate<String> matches) {
    return new TopicSelector(value, kind, null, matches);
  }

  public boolean isWildcard() {
    return selector.equals("*") && matcher == null;
  }

  /** Exact selectors can be looked up in an index; the others must be tried one by one. */
  public boolean isExact() {
    return template == null && matcher == null && !isWildcard();
  }

  public String value() {
    return selector;
  }

  /** Its kind: {@code exact}, {@code template}, or a matcher's own ({@code urlpattern}). */
  public String kind() {
    return kind;
  }

  /** Tells apart selectors of different kinds that share a string (a template and a URL pattern). */
  public String key() {
    return kind + ":" + selector;
  }

  public boolean matches(String topic) {
    if (isWildcard() || (matcher == null && selector.equals(topic))) return true;
    if (template != null) return template.matches(topic);
    return matcher != null && matcher.test(topic);
  }

  @Override
  public String toString() {
    return selector;
  }
}
