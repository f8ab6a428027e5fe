package newsdesk.hub.urlpattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A URL as the WHATWG URL Standard parses it (the parser browsers use), reduced to what URL
 * Pattern matching reads: scheme, userinfo, host, port, path, query and fragment, each already in
 * its serialised form. Special schemes (http, https, ws, wss, ftp, file) get hosts lower-cased and
 * IDNA-mapped, default ports dropped, backslashes read as slashes and dot segments removed; other
 * schemes keep an opaque host or an opaque path. Parsing follows the standard's state machine in
 * outline; the rarely used quirks of {@code file:} URLs (drive letters) are left out.
 */
public record WebUrl(String scheme, String username, String password, String host, String port, String path,
    String query, String fragment, boolean opaquePath) {

  static boolean isSpecial(String scheme) {
    return switch (scheme) {
      case "http", "https", "ws", "wss", "ftp", "file" -> true;
      default -> false;
    };
  }

  static String defaultPort(String scheme) {
    return switch (scheme) {
      case "http", "ws" -> "80";
      case "https", "wss" -> "443";
      case "ftp" -> "21";
      default -> null;
    };
  }

  /** The URL {@code input} names, relative to {@code base} (may be null); empty if it names none. */
  public static Optional<WebUrl> parse(String input, WebUrl base) {
    try {
      return Optional.of(parseOrThrow(input, base));
    } catch (Failure f) {
      return Optional.empty();
    }
  }

  static final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  static WebUrl parseOrThrow(String raw, WebUrl base) throws Failure {
    String input = trimControlsAndSpace(raw).replace("\t", "").replace("\n", "").replace("\r", "");
    int colon = schemeEnd(input);
    if (colon > 0) {
      String scheme = input.substring(0, colon).toLowerCase(Locale.ROOT);
      String rest = input.substring(colon + 1);
      boolean special = isSpecial(scheme);
      if (scheme.equals("file")) {
        if (rest.length() >= 2 && isSlash(rest.charAt(0), true) && isSlash(rest.charAt(1), true)) {
          return authority(scheme, rest.substring(2));
        }
        if (base != null && base.scheme.equals("file") && !startsWithSlash(rest, true)) return relative(scheme, rest, base);
        return withPath(scheme, "", "", "", null, rest);
      }
      if (special) {
        if (base != null && base.scheme.equals(scheme) && !startsWithSlash(rest, true)) {
          return relative(scheme, rest, base);
        }
        return authority(scheme, stripSlashes(rest, true));
      }
      if (rest.startsWith("//")) return authority(scheme, rest.substring(2));
      if (rest.startsWith("/")) return withPath(scheme, "", "", null, null, rest);
      return opaque(scheme, rest);
    }
    if (base == null) throw new Failure("a relative URL needs a base");
    if (base.opaquePath) {
      if (!input.startsWith("#")) throw new Failure("the base cannot be a base");
      return new WebUrl(base.scheme, base.username, base.password, base.host, base.port, base.path, base.query,
          Percent.encode(input.substring(1), Percent.FRAGMENT), true);
    }
    return relative(base.scheme, input, base);
  }

  private static WebUrl relative(String scheme, String input, WebUrl base) throws Failure {
    boolean special = isSpecial(scheme);
    if (input.length() >= 2 && isSlash(input.charAt(0), special) && isSlash(input.charAt(1), special)) {
      return authority(scheme, input.substring(2));
    }
    if (!input.isEmpty() && isSlash(input.charAt(0), special)) {
      return withPath(scheme, base.username, base.password, base.host, base.port, input);
    }
    int end = firstOf(input, "?#", 0);
    String ref = input.substring(0, end);
    String tail = input.substring(end);
    String path;
    String query = base.query;
    if (ref.isEmpty()) {
      path = base.path;
      if (tail.startsWith("?")) query = null;
    } else {
      path = base.path.substring(0, base.path.lastIndexOf('/') + 1) + ref;
      query = null;
    }
    WebUrl resolved = withPath(scheme, base.username, base.password, base.host, base.port, path + tail);
    if (ref.isEmpty() && !tail.startsWith("?") && query != null) {
      return new WebUrl(resolved.scheme, resolved.username, resolved.password, resolved.host, resolved.port,
          resolved.path, query, resolved.fragment, false);
    }
    return resolved;
  }

  private static WebUrl authority(String scheme, String input) throws Failure {
    boolean special = isSpecial(scheme);
    int end = firstOf(input, special ? "/?#\\" : "/?#", 0);
    String authority = input.substring(0, end);
    String username = "";
    String password = "";
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userinfo = authority.substring(0, at);
      int c = userinfo.indexOf(':');
      username = Percent.encode(c < 0 ? userinfo : userinfo.substring(0, c), Percent.USERINFO);
      password = c < 0 ? "" : Percent.encode(userinfo.substring(c + 1), Percent.USERINFO);
      authority = authority.substring(at + 1);
    }
    String hostPart = authority;
    String port = null;
    int portColon = hostPortColon(authority);
    if (portColon >= 0) {
      hostPart = authority.substring(0, portColon);
      port = port(authority.substring(portColon + 1), scheme);
    }
    if (hostPart.isEmpty() && special && !scheme.equals("file")) throw new Failure("a special URL needs a host");
    if (hostPart.isEmpty() && (port != null || at >= 0)) throw new Failure("credentials or a port with no host");
    String host = hostPart.isEmpty() ? "" : Hosts.parse(hostPart, special);
    if (scheme.equals("file") && host.equals("localhost")) host = "";
    return withPath(scheme, username, password, host, port, input.substring(end));
  }

  private static WebUrl opaque(String scheme, String rest) {
    int end = firstOf(rest, "?#", 0);
    String path = Percent.encode(rest.substring(0, end), Percent.C0_CONTROL);
    var qf = queryAndFragment(rest.substring(end), false);
    return new WebUrl(scheme, "", "", null, null, path, qf[0], qf[1], true);
  }

  /** {@code rest} is the path onwards: path, then {@code ?query}, then {@code #fragment}. */
  private static WebUrl withPath(String scheme, String username, String password, String host, String port,
      String rest) {
    boolean special = isSpecial(scheme);
    int end = firstOf(rest, "?#", 0);
    String path = serializePath(rest.substring(0, end), special);
    var qf = queryAndFragment(rest.substring(end), special);
    return new WebUrl(scheme, username, password, host, port, path, qf[0], qf[1], false);
  }

  private static String[] queryAndFragment(String rest, boolean special) {
    String query = null;
    String fragment = null;
    int hash = rest.indexOf('#');
    String q = hash < 0 ? rest : rest.substring(0, hash);
    if (q.startsWith("?")) query = Percent.encode(q.substring(1), special ? Percent.SPECIAL_QUERY : Percent.QUERY);
    if (hash >= 0) fragment = Percent.encode(rest.substring(hash + 1), Percent.FRAGMENT);
    return new String[] {query, fragment};
  }

  /** A path as the path state leaves it: segments percent-encoded, "." and ".." resolved. */
  static String serializePath(String raw, boolean special) {
    if (raw.isEmpty()) return special ? "/" : "";
    List<String> segments = new ArrayList<>();
    String body = isSlash(raw.charAt(0), special) ? raw.substring(1) : raw;
    int i = 0;
    while (true) {
      int next = special ? firstOf(body, "/\\", i) : firstOf(body, "/", i);
      String seg = body.substring(i, next);
      boolean last = next >= body.length();
      if (isDoubleDot(seg)) {
        if (!segments.isEmpty()) segments.removeLast();
        if (last) segments.add("");
      } else if (isSingleDot(seg)) {
        if (last) segments.add("");
      } else {
        segments.add(Percent.encode(seg, Percent.PATH));
      }
      if (last) break;
      i = next + 1;
    }
    var out = new StringBuilder();
    for (String s : segments) out.append('/').append(s);
    return out.toString();
  }

  private static boolean isSingleDot(String s) {
    return s.equals(".") || s.equalsIgnoreCase("%2e");
  }

  private static boolean isDoubleDot(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.equals("..") || l.equals(".%2e") || l.equals("%2e.") || l.equals("%2e%2e");
  }

  static String port(String digits, String scheme) throws Failure {
    if (digits.isEmpty()) return null;
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) throw new Failure("a port is digits");
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    if (trimmed.length() > 5 || Integer.parseInt(trimmed) > 65535) throw new Failure("a port is at most 65535");
    return trimmed.equals(defaultPort(scheme)) ? null : trimmed;
  }

  private static int hostPortColon(String authority) {
    boolean inBrackets = false;
    for (int i = 0; i < authority.length(); i++) {
      char c = authority.charAt(i);
      if (c == '[') inBrackets = true;
      else if (c == ']') inBrackets = false;
      else if (c == ':' && !inBrackets) return i;
    }
    return -1;
  }

  private static int schemeEnd(String input) {
    if (input.isEmpty() || !isAsciiAlpha(input.charAt(0))) return -1;
    for (int i = 1; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c == ':') return i;
      if (!(isAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) return -1;
    }
    return -1;
  }

  static boolean isAsciiAlpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isSlash(char c, boolean special) {
    return c == '/' || (special && c == '\\');
  }

  private static boolean startsWithSlash(String s, boolean special) {
    return !s.isEmpty() && isSlash(s.charAt(0), special);
  }

  private static String stripSlashes(String s, boolean special) {
    int i = 0;
    while (i < s.length() && isSlash(s.charAt(i), special)) i++;
    return s.substring(i);
  }

  static int firstOf(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
    return s.length();
  }

  private static String trimControlsAndSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) <= ' ') start++;
    while (end > start && s.charAt(end - 1) <= ' ') end--;
    return s.substring(start, end);
  }
}
