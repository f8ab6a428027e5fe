package newsdesk.hub;

import com.google.re2j.Pattern;
import java.util.Optional;

/**
 * Matches strings against RFC 6570 URI Templates (levels 1–4), the way Mercure's topic selectors
 * use them: a string matches when some assignment of values to the template's variables expands
 * to it. The template is compiled once to an RE2/J expression, which matches in time linear in the
 * topic's length: a subscriber's template cannot make the hub backtrack (a {@code java.util.regex}
 * pattern of a few adjacent variables took seconds per topic). A template is also capped in
 * variables, in the literal text before its first expression and in its prefix modifiers'
 * lengths ({@code {var:30}} compiles to 30 copies of a character class), so its program stays
 * small; {@link TooComplex} says which. See docs/decisions/0123-uri-templates-re2j.md.
 *
 * <p>Values may hold what an expansion would produce: unreserved characters and percent-encoded
 * octets ({@code +} and {@code #} also allow reserved characters). Non-ASCII characters are
 * accepted as well, so IRIs that were not percent-encoded still match.
 */
public final class UriTemplate {
  /** At most this many variables in one template. */
  public static final int MAX_VARIABLES = 16;
  /** At most this many characters before the template's first expression. */
  public static final int MAX_LITERAL_PREFIX = 256;
  /** At most this many characters in all the template's prefix modifiers ({@code {var:N}}) together. */
  public static final int MAX_PREFIX_MODIFIERS = 256;

  private static final String PCT = "%[0-9A-Fa-f]{2}";
  private static final String IRI = "\\x{A0}-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}";
  private static final Pattern PREFIX_LENGTH = Pattern.compile("[1-9][0-9]{0,3}");
  private static final String UNRESERVED = "(?:[A-Za-z0-9\\-._~" + IRI + "]|" + PCT + ")";
  private static final String UNRESERVED_OR_RESERVED =
      "(?:[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=" + IRI + "]|" + PCT + ")";
  private static final Pattern VARNAME =
      Pattern.compile("(?:[A-Za-z0-9_]|" + PCT + ")(?:\\.?(?:[A-Za-z0-9_]|" + PCT + "))*");

  private final String template;
  private final String literalPrefix;
  private final Pattern pattern;

  private UriTemplate(String template, String literalPrefix, Pattern pattern) {
    this.template = template;
    this.literalPrefix = literalPrefix;
    this.pattern = pattern;
  }

  /** A valid template over {@link #MAX_VARIABLES} or {@link #MAX_LITERAL_PREFIX}. */
  public static final class TooComplex extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    TooComplex(String message) {
      super(message, null);
    }
  }

  /**
   * The compiled template, or empty if {@code template} is not a valid URI Template.
   *
   * @throws TooComplex for a template over the caps
   */
  public static Optional<UriTemplate> parse(String template) {
    int brace = template.indexOf('{');
    if (brace > MAX_LITERAL_PREFIX) {
      throw new TooComplex("a URI template has at most " + MAX_LITERAL_PREFIX + " characters before its first '{'");
    }
    var regex = new StringBuilder();
    var used = new Used();
    int i = 0;
    int n = template.length();
    while (i < n) {
      char c = template.charAt(i);
      if (c == '{') {
        int close = template.indexOf('}', i + 1);
        if (close < 0) return Optional.empty();
        String expr = template.substring(i + 1, close);
        if (!expression(expr, regex, used)) return Optional.empty();
        i = close + 1;
      } else if (c == '}') {
        return Optional.empty();
      } else {
        int next = nextBrace(template, i);
        regex.append(Pattern.quote(template.substring(i, next)));
        i = next;
      }
    }
    String literalPrefix = brace < 0 ? template : template.substring(0, brace);
    return Optional.of(new UriTemplate(template, literalPrefix, Pattern.compile(regex.toString())));
  }

  private static int nextBrace(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{' || c == '}') return i;
    }
    return s.length();
  }

  /** What a template's expressions have used of the caps so far; refuses what goes over one. */
  private static final class Used {
    private int variables;
    private int prefixModifiers;

    void variables(int added) {
      variables += added;
      if (variables > MAX_VARIABLES) throw new TooComplex("a URI template has at most " + MAX_VARIABLES + " variables");
    }

    void prefixModifier(int maxLength) {
      prefixModifiers += maxLength;
      if (prefixModifiers > MAX_PREFIX_MODIFIERS) {
        throw new TooComplex("a URI template's prefix modifiers ({var:N}) add up to at most "
            + MAX_PREFIX_MODIFIERS + " characters");
      }
    }
  }

  /**
   * Appends the regular expression of one {@code {…}} expression and counts what it uses in
   * {@code used} (which throws {@link TooComplex} past a cap, before anything is compiled); false if
   * it is malformed.
   */
  private static boolean expression(String expr, StringBuilder regex, Used used) {
    if (expr.isEmpty()) return false;
    Operator op = Operator.of(expr.charAt(0));
    String list = op == Operator.SIMPLE ? expr : expr.substring(1);
    if (list.isEmpty()) return false;
    var items = new StringBuilder();
    String[] specs = list.split(",", -1);
    used.variables(specs.length);
    for (String spec : specs) {
      boolean explode = spec.endsWith("*");
      String name = explode ? spec.substring(0, spec.length() - 1) : spec;
      int maxLength = -1;
      int colon = name.indexOf(':');
      if (colon >= 0) {
        if (explode) return false;
        String digits = name.substring(colon + 1);
        if (!PREFIX_LENGTH.matches(digits)) return false;
        maxLength = Integer.parseInt(digits);
        used.prefixModifier(maxLength);
        name = name.substring(0, colon);
      }
      if (!VARNAME.matches(name)) return false;
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

  /** Most topics differ from a template in its fixed start: those are refused without running the expression. */
  public boolean matches(String s) {
    return s.startsWith(literalPrefix) && pattern.matcher(s).matches();
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
