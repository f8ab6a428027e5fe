package newsdesk.hub.urlpattern;

import java.util.HashMap;
import java.util.Map;

/**
 * The URL Pattern Standard's "process a URLPatternInit": fills components in from a base URL (each
 * only while the init names nothing more specific) and strips the {@code :}, {@code ?} and
 * {@code #} delimiters. For a pattern the values stay pattern text (the base's escaped); for a URL
 * to match they are canonicalised.
 */
final class PatternInit {
  private PatternInit() {}

  static final String[] COMPONENTS =
      {"protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"};

  /**
   * @param init component values by member name, and {@code baseURL}
   * @param pattern true for a pattern, false for a URL to match (then every component starts empty)
   * @throws UrlPattern.Invalid when the base URL is not a URL, or (for a URL) a component is not valid
   */
  static Map<String, String> process(Map<String, String> init, boolean pattern) {
    var result = new HashMap<String, String>();
    if (!pattern) for (String c : COMPONENTS) result.put(c, "");
    WebUrl base = null;
    String baseUrl = init.get("baseURL");
    if (baseUrl != null) {
      base = WebUrl.parse(baseUrl, null).orElseThrow(() -> new UrlPattern.Invalid("the base URL is not a URL"));
      boolean has = init.containsKey("protocol");
      if (!has) result.put("protocol", fromBase(base.scheme(), pattern));
      if (!pattern && !has && !init.containsKey("hostname") && !init.containsKey("port")) {
        if (!init.containsKey("username")) result.put("username", base.username());
        if (!init.containsKey("username") && !init.containsKey("password")) result.put("password", base.password());
      }
      has |= init.containsKey("hostname");
      if (!has) result.put("hostname", fromBase(base.host() == null ? "" : base.host(), pattern));
      has |= init.containsKey("port");
      if (!has) result.put("port", base.port() == null ? "" : base.port());
      has |= init.containsKey("pathname");
      if (!has) result.put("pathname", fromBase(base.path(), pattern));
      has |= init.containsKey("search");
      if (!has) result.put("search", fromBase(base.query() == null ? "" : base.query(), pattern));
      has |= init.containsKey("hash");
      if (!has) result.put("hash", fromBase(base.fragment() == null ? "" : base.fragment(), pattern));
    }
    try {
      String protocol = init.get("protocol");
      if (protocol != null) {
        String stripped = protocol.endsWith(":") ? protocol.substring(0, protocol.length() - 1) : protocol;
        result.put("protocol", pattern ? stripped : Canonical.protocol(stripped));
      }
      if (init.containsKey("username")) result.put("username", value(init.get("username"), pattern, Canonical::userinfo));
      if (init.containsKey("password")) result.put("password", value(init.get("password"), pattern, Canonical::userinfo));
      if (init.containsKey("hostname")) result.put("hostname", value(init.get("hostname"), pattern, Canonical::hostname));
      String resultProtocol = result.getOrDefault("protocol", "");
      if (init.containsKey("port")) {
        result.put("port", value(init.get("port"), pattern, v -> Canonical.port(v, resultProtocol)));
      }
      String pathname = init.get("pathname");
      if (pathname != null) {
        if (base != null && !base.opaquePath() && !isAbsolutePathname(pathname, pattern)) {
          String basePath = fromBase(base.path(), pattern);
          int slash = basePath.lastIndexOf('/');
          if (slash >= 0) pathname = basePath.substring(0, slash + 1) + pathname;
        }
        if (!pattern) {
          pathname = WebUrl.isSpecial(resultProtocol) || resultProtocol.isEmpty()
              ? Canonical.pathname(pathname) : Canonical.opaquePathname(pathname);
        }
        result.put("pathname", pathname);
      }
      String search = init.get("search");
      if (search != null) {
        String stripped = search.startsWith("?") ? search.substring(1) : search;
        result.put("search", pattern ? stripped : Canonical.search(stripped));
      }
      String hash = init.get("hash");
      if (hash != null) {
        String stripped = hash.startsWith("#") ? hash.substring(1) : hash;
        result.put("hash", pattern ? stripped : Canonical.hash(stripped));
      }
    } catch (PatternTokens.Invalid e) {
      throw new UrlPattern.Invalid(e.getMessage());
    }
    return result;
  }

  private static String value(String v, boolean pattern, java.util.function.UnaryOperator<String> canonical) {
    return pattern ? v : canonical.apply(v);
  }

  private static String fromBase(String s, boolean pattern) {
    return pattern ? Canonical.escapePattern(s) : s;
  }

  private static boolean isAbsolutePathname(String p, boolean pattern) {
    if (p.isEmpty()) return false;
    if (p.charAt(0) == '/') return true;
    if (!pattern) return false;
    return p.length() >= 2 && (p.charAt(0) == '\\' || p.charAt(0) == '{') && p.charAt(1) == '/';
  }
}
