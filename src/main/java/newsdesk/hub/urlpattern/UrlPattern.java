package newsdesk.hub.urlpattern;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A WHATWG URL Pattern (https://urlpattern.spec.whatwg.org/), built from a constructor string and
 * an optional base URL, as Mercure's {@code urlpattern} matcher uses it. Each component compiles to
 * an RE2/J expression, which matches in time linear in the input, so a subscriber's pattern cannot
 * make the hub backtrack (the draft asks for exactly that). {@code ignoreCase} is never set. Custom
 * regexp groups are read as RE2 syntax: what RE2 lacks (look-around, back-references) is refused
 * as an invalid pattern. See docs/decisions/0170-url-pattern-in-house.md.
 */
public final class UrlPattern {
  private static final List<String> SPECIAL = List.of("ftp", "file", "http", "https", "ws", "wss");

  private final String source;
  private final Map<String, Pattern> regexes;

  private UrlPattern(String source, Map<String, Pattern> regexes) {
    this.source = source;
    this.regexes = regexes;
  }

  /** A pattern string that is not a well-formed URL Pattern. */
  public static final class Invalid extends IllegalArgumentException {
    Invalid(String message) {
      super(message, null);
    }
  }

  /**
   * @param baseUrl resolves a relative pattern; null requires an absolute one
   * @throws Invalid for a malformed pattern
   */
  public static UrlPattern compile(String pattern, String baseUrl) {
    Map<String, String> init;
    try {
      init = new HashMap<>(ConstructorString.parse(pattern));
    } catch (PatternTokens.Invalid e) {
      throw new Invalid(e.getMessage());
    }
    if (baseUrl == null && !init.containsKey("protocol")) throw new Invalid("a relative URL pattern needs a base URL");
    if (baseUrl != null) init.put("baseURL", baseUrl);
    return compileInit(pattern, init);
  }

  /** From a URLPatternInit: component patterns by member name, and {@code baseURL}. */
  static UrlPattern compileInit(String source, Map<String, String> init) {
    try {
      Map<String, String> processed = PatternInit.process(init, true);
      for (String c : PatternInit.COMPONENTS) processed.putIfAbsent(c, "*");
      String protocol = processed.get("protocol");
      if (SPECIAL.contains(protocol) && processed.get("port").equals(WebUrl.defaultPort(protocol))) {
        processed.put("port", "");
      }
      var regexes = new HashMap<String, Pattern>();
      regexes.put("protocol", component(processed.get("protocol"), Canonical::protocol, PatternParts.Options.DEFAULT));
      regexes.put("username", component(processed.get("username"), Canonical::userinfo, PatternParts.Options.DEFAULT));
      regexes.put("password", component(processed.get("password"), Canonical::userinfo, PatternParts.Options.DEFAULT));
      String hostname = processed.get("hostname");
      regexes.put("hostname", component(hostname, isIpv6(hostname) ? Canonical::ipv6Hostname : Canonical::hostname,
          PatternParts.Options.HOSTNAME));
      regexes.put("port", component(processed.get("port"), v -> Canonical.port(v, null), PatternParts.Options.DEFAULT));
      boolean special = matchesSpecialScheme(regexes.get("protocol"));
      regexes.put("pathname", special
          ? component(processed.get("pathname"), Canonical::pathname, PatternParts.Options.PATHNAME)
          : component(processed.get("pathname"), Canonical::opaquePathname, PatternParts.Options.DEFAULT));
      regexes.put("search", component(processed.get("search"), Canonical::search, PatternParts.Options.DEFAULT));
      regexes.put("hash", component(processed.get("hash"), Canonical::hash, PatternParts.Options.DEFAULT));
      return new UrlPattern(source, Map.copyOf(regexes));
    } catch (PatternTokens.Invalid e) {
      throw new Invalid(e.getMessage());
    }
  }

  /** Whether a URLPatternInit-shaped input matches; one whose components are not valid never does. */
  boolean test(Map<String, String> input) {
    Map<String, String> c;
    try {
      c = PatternInit.process(input, false);
    } catch (Invalid e) {
      return false;
    }
    for (String name : PatternInit.COMPONENTS) if (!matches(name, c.get(name))) return false;
    return true;
  }

  /** Whether {@code input}, resolved against {@code baseUrl} (may be null), matches; a non-URL never does. */
  public boolean test(String input, String baseUrl) {
    WebUrl base = null;
    if (baseUrl != null) {
      Optional<WebUrl> b = WebUrl.parse(baseUrl, null);
      if (b.isEmpty()) return false;
      base = b.get();
    }
    Optional<WebUrl> parsed = WebUrl.parse(input, base);
    if (parsed.isEmpty()) return false;
    WebUrl u = parsed.get();
    return matches("protocol", u.scheme()) && matches("username", u.username())
        && matches("password", u.password()) && matches("hostname", u.host() == null ? "" : u.host())
        && matches("port", u.port() == null ? "" : u.port()) && matches("pathname", u.path())
        && matches("search", u.query() == null ? "" : u.query())
        && matches("hash", u.fragment() == null ? "" : u.fragment());
  }

  private boolean matches(String component, String value) {
    return regexes.get(component).matcher(value).matches();
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }

  static boolean protocolMatchesSpecialScheme(String protocolPattern) {
    try {
      return matchesSpecialScheme(component(protocolPattern, Canonical::protocol, PatternParts.Options.DEFAULT));
    } catch (PatternTokens.Invalid | Invalid e) {
      return false;
    }
  }

  private static boolean matchesSpecialScheme(Pattern protocol) {
    for (String s : SPECIAL) if (protocol.matcher(s).matches()) return true;
    return false;
  }

  private static boolean isIpv6(String hostname) {
    if (hostname.length() < 2) return false;
    char a = hostname.charAt(0);
    char b = hostname.charAt(1);
    return a == '[' || ((a == '{' || a == '\\') && b == '[');
  }

  private static Pattern component(String input, UnaryOperator<String> encode, PatternParts.Options options) {
    var parts = PatternParts.parse(input, options, encode);
    String regex = PatternParts.regex(parts, options);
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new Invalid("a regexp group is not valid here: " + e.getDescription());
    }
  }
}
