package newsdesk.hub.urlpattern;

/**
 * The URL Pattern Standard's encoding callbacks: each canonicalises a piece of fixed pattern text
 * the way the URL parser would canonicalise that component, or refuses it.
 */
final class Canonical {
  private Canonical() {}

  static PatternTokens.Invalid invalid(String component, String value) {
    return new PatternTokens.Invalid("'" + value + "' is not a valid " + component);
  }

  static String protocol(String value) {
    if (value.isEmpty()) return value;
    try {
      return WebUrl.parseOrThrow(value + "://dummy.invalid/", null).scheme();
    } catch (WebUrl.Failure e) {
      throw invalid("protocol", value);
    }
  }

  static String userinfo(String value) {
    return Percent.encode(value, Percent.USERINFO);
  }

  static String hostname(String value) {
    if (value.isEmpty()) return value;
    if (!value.startsWith("[") && WebUrl.firstOf(value, Hosts.FORBIDDEN_HOST, 0) < value.length()) {
      throw invalid("hostname", value);
    }
    try {
      return Hosts.parse(value, true);
    } catch (WebUrl.Failure e) {
      throw invalid("hostname", value);
    }
  }

  static String ipv6Hostname(String value) {
    var out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Percent.hex(c) < 0 && c != '[' && c != ']' && c != ':') throw invalid("IPv6 hostname", value);
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** @param protocol null reads as {@code https}, as the standard's dummy URL does */
  static String port(String value, String protocol) {
    if (value.isEmpty()) return value;
    try {
      String p = WebUrl.port(value, protocol == null ? "https" : protocol);
      return p == null ? "" : p;
    } catch (WebUrl.Failure e) {
      throw invalid("port", value);
    }
  }

  static String pathname(String value) {
    if (value.isEmpty()) return value;
    boolean leadingSlash = value.charAt(0) == '/';
    String result = WebUrl.serializePath(leadingSlash ? value : "/-" + value, true);
    return leadingSlash ? result : result.substring(2);
  }

  static String opaquePathname(String value) {
    return Percent.encode(value, Percent.C0_CONTROL);
  }

  static String search(String value) {
    return Percent.encode(value, Percent.SPECIAL_QUERY);
  }

  static String hash(String value) {
    return Percent.encode(value, Percent.FRAGMENT);
  }

  /** Escapes a base URL's text so that it reads as fixed text in a pattern. */
  static String escapePattern(String s) {
    return PatternParts.backslashed(s, "+*?:{}()\\");
  }
}
