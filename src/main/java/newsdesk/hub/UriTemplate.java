package newsdesk.hub;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Matches strings against RFC 6570 URI Templates (levels 1–4), the way Mercure's topic selectors
 * use them: a string matches when some assignment of values to the template's variables expands
 * to it. The template is compiled once to a regular expression.
 *
 * <p>Values may hold what an expansion would produce: unreserved characters and percent-encoded
 * octets ({@code +} and {@code #} also allow reserved characters). Non-ASCII characters are
 * accepted as well, so IRIs that were not percent-encoded still match.
 */
public final class UriTemplate {
  private static final String PCT = "%[0-9A-Fa-f]{2}";
  private static final String IRI = "\\u00A0-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}";
  private static final String UNRESERVED = "(?:[A-Za-z0-9\\-._~" + IRI + "]|" + PCT + ")";
  private static final String UNRESERVED_OR_RESERVED =
      "(?:[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=" + IRI + "]|" + PCT + ")";
  private static final Pattern VARNAME =
      Pattern.compile("(?:[A-Za-z0-9_]|" + PCT + ")(?:\\.?(?:[A-Za-z0-9_]|" + PCT + "))*");

  private final String template;
  private final Pattern pattern;

  private UriTemplate(String template, Pattern pattern) {
    this.template = template;
    this.pattern = pattern;
  }

  /** The compiled template, or empty if {@code template} is not a valid URI Template. */
  public static Optional<UriTemplate> parse(String template) {
    var regex = new StringBuilder();
    int i = 0;
    int n = template.length();
    while (i < n) {
      char c = template.charAt(i);
      if (c == '{') {
        int close = template.indexOf('}', i + 1);
        if (close < 0) return Optional.empty();
        String expr = template.substring(i + 1, close);
        if (!expression(expr, regex)) return Optional.empty();
        i = close + 1;
      } else if (c == '}') {
        return Optional.empty();
      } else {
        int next = nextBrace(template, i);
        regex.append(Pattern.quote(template.substring(i, next)));
        i = next;
      }
    }
    return Optional.of(new UriTemplate(template, Pattern.compile(regex.toString())));
  }

  private static int nextBrace(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{' || c == '}') return i;
    }
    return s.length();
  }

  /** Appends the regular expression of one {@code {…}} expression; false if it is malformed. */
  private static boolean expression(String expr, StringBuilder regex) {
    if (expr.isEmpty()) return false;
    Operator op = Operator.of(expr.charAt(0));
    String list = op == Operator.SIMPLE ? expr : expr.substring(1);
    if (list.isEmpty()) return false;
    var items = new StringBuilder();
    for (String spec : list.split(",", -1)) {
      boolean explode = spec.endsWith("*");
      String name = explode ? spec.substring(0, spec.length() - 1) : spec;
      int maxLength = -1;
      int colon = name.indexOf(':');
      if (colon >= 0) {
        if (explode) return false;
        String digits = name.substring(colon + 1);
        if (!digits.matches("[1-9][0-9]{0,3}")) return false;
        maxLength = Integer.parseInt(digits);
        name = name.substring(0, colon);
      }
      if (!VARNAME.matcher(name).matches()) return false;
      if (!items.isEmpty()) items.append('|');
      items.append(op.item(name, explode, maxLength));
    }
    // Any subset of the variables may be defined, in order; each defined one adds one or more
    // items, joined by the operator's separator.
    String item = "(?:" + items + ")";
    regex.append("(?:").append(Pattern.quote(op.first)).append(item)
        .append("(?:").append(Pattern.quote(op.separator)).append(item).append(")*)?");
    return true;
  }

  public boolean matches(String s) {
    return pattern.matcher(s).matches();
  }

  public String template() {
    return template;
  }

  @Override
  public String toString() {
    return template;
  }

  private enum Operator {
    SIMPLE("", ",", false, false),
    RESERVED("", ",", false, true),
    FRAGMENT("#", ",", false, true),
    LABEL(".", ".", false, false),
    PATH("/", "/", false, false),
    PATH_PARAM(";", ";", true, false),
    QUERY("?", "&", true, false),
    QUERY_CONTINUATION("&", "&", true, false);

    final String first;
    final String separator;
    final boolean named;
    final boolean allowReserved;

    Operator(String first, String separator, boolean named, boolean allowReserved) {
      this.first = first;
      this.separator = separator;
      this.named = named;
      this.allowReserved = allowReserved;
    }

    static Operator of(char c) {
      return switch (c) {
        case '+' -> RESERVED;
        case '#' -> FRAGMENT;
        case '.' -> LABEL;
        case '/' -> PATH;
        case ';' -> PATH_PARAM;
        case '?' -> QUERY;
        case '&' -> QUERY_CONTINUATION;
        default -> SIMPLE;
      };
    }

    String item(String name, boolean explode, int maxLength) {
      String ch = allowReserved ? UNRESERVED_OR_RESERVED : UNRESERVED;
      // An exploded list's items are separated by the operator's separator, an unexploded
      // list's by commas (which expansion leaves unencoded).
      String value = maxLength > 0 ? ch + "{0," + maxLength + "}"
          : explode ? ch + "*" : "(?:" + ch + "|,)*";
      if (!named) return value;
      String key = explode ? UNRESERVED + "+" : Pattern.quote(name);
      // ";" omits "=" for an empty value; "?" and "&" keep it.
      return this == PATH_PARAM ? key + "(?:=" + value + ")?" : key + "=" + value;
    }
  }
}
