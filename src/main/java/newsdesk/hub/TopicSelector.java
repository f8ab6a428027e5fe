package newsdesk.hub;

import java.util.Optional;

/**
 * A Mercure topic selector: {@code *}, an exact string, or a URI Template. A string matches when
 * the selector is {@code *}, when the two are identical (so a template also matches itself), or
 * when the string matches the template.
 */
public final class TopicSelector {
  private final String selector;
  private final UriTemplate template;

  private TopicSelector(String selector, UriTemplate template) {
    this.selector = selector;
    this.template = template;
  }

  /** @throws UriTemplate.TooComplex for a template over the caps; the caller answers 400 */
  public static TopicSelector of(String selector) {
    Optional<UriTemplate> t = selector.indexOf('{') >= 0 ? UriTemplate.parse(selector) : Optional.empty();
    return new TopicSelector(selector, t.orElse(null));
  }

  public boolean isWildcard() {
    return selector.equals("*");
  }

  /** Exact selectors can be looked up in an index; the others must be tried one by one. */
  public boolean isExact() {
    return template == null && !isWildcard();
  }

  public String value() {
    return selector;
  }

  public boolean matches(String topic) {
    return isWildcard() || selector.equals(topic) || (template != null && template.matches(topic));
  }

  @Override
  public String toString() {
    return selector;
  }
}
