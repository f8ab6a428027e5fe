package newsdesk.hub.urlpattern;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import newsdesk.hub.urlpattern.PatternTokens.Token;
import newsdesk.hub.urlpattern.PatternTokens.Type;

/**
 * The URL Pattern Standard's pattern-string parser (a component's pattern to a part list) and the
 * part list's regular expression. Fixed text goes through the component's encoding callback, which
 * canonicalises it as a URL would be.
 */
final class PatternParts {
  enum PartType { FIXED_TEXT, REGEXP, SEGMENT_WILDCARD, FULL_WILDCARD }

  enum Modifier { NONE, OPTIONAL, ZERO_OR_MORE, ONE_OR_MORE }

  record Part(PartType type, String value, Modifier modifier, String name, String prefix, String suffix) {}

  /** {@code delimiter} and {@code prefix} are "" or one ASCII character, per component. */
  record Options(String delimiter, String prefix) {
    static final Options DEFAULT = new Options("", "");
    static final Options HOSTNAME = new Options(".", "");
    static final Options PATHNAME = new Options("/", "/");

    String segmentWildcard() {
      return "[^" + escape(delimiter) + "]+?";
    }
  }

  static final String FULL_WILDCARD = ".*";

  private final List<Token> tokens;
  private final UnaryOperator<String> encode;
  private final Options options;
  private final List<Part> parts = new ArrayList<>();
  private final StringBuilder pending = new StringBuilder();
  private int index;
  private int nextNumericName;

  private PatternParts(List<Token> tokens, UnaryOperator<String> encode, Options options) {
    this.tokens = tokens;
    this.encode = encode;
    this.options = options;
  }

  /** @throws PatternTokens.Invalid for a malformed pattern (or fixed text the callback refuses) */
  static List<Part> parse(String input, Options options, UnaryOperator<String> encode) {
    var p = new PatternParts(PatternTokens.tokenize(input.codePoints().toArray(), false), encode, options);
    p.run();
    return p.parts;
  }

  private void run() {
    while (index < tokens.size()) {
      Token charToken = take(Type.CHAR);
      Token nameToken = take(Type.NAME);
      Token regexpOrWildcard = takeRegexpOrWildcard(nameToken);
      if (nameToken != null || regexpOrWildcard != null) {
        String prefix = charToken == null ? "" : charToken.value();
        if (!prefix.isEmpty() && !prefix.equals(options.prefix())) {
          pending.append(prefix);
          prefix = "";
        }
        flushPending();
        addPart(prefix, nameToken, regexpOrWildcard, "", takeModifier());
        continue;
      }
      Token fixed = charToken != null ? charToken : take(Type.ESCAPED_CHAR);
      if (fixed != null) {
        pending.append(fixed.value());
        continue;
      }
      if (take(Type.OPEN) != null) {
        String prefix = text();
        nameToken = take(Type.NAME);
        regexpOrWildcard = takeRegexpOrWildcard(nameToken);
        String suffix = text();
        require(Type.CLOSE);
        addPart(prefix, nameToken, regexpOrWildcard, suffix, takeModifier());
        continue;
      }
      flushPending();
      require(Type.END);
    }
  }

  private Token take(Type type) {
    Token t = tokens.get(index);
    if (t.type() != type) return null;
    index++;
    return t;
  }

  private Token require(Type type) {
    Token t = take(type);
    if (t == null) throw new PatternTokens.Invalid("unexpected '" + tokens.get(index).value() + "' in the pattern");
    return t;
  }

  private Token takeModifier() {
    Token t = take(Type.OTHER_MODIFIER);
    return t != null ? t : take(Type.ASTERISK);
  }

  private Token takeRegexpOrWildcard(Token nameToken) {
    Token t = take(Type.REGEXP);
    if (nameToken == null && t == null) t = take(Type.ASTERISK);
    return t;
  }

  private String text() {
    var out = new StringBuilder();
    while (true) {
      Token t = take(Type.CHAR);
      if (t == null) t = take(Type.ESCAPED_CHAR);
      if (t == null) return out.toString();
      out.append(t.value());
    }
  }

  private void flushPending() {
    if (pending.isEmpty()) return;
    String encoded = encode.apply(pending.toString());
    pending.setLength(0);
    parts.add(new Part(PartType.FIXED_TEXT, encoded, Modifier.NONE, "", "", ""));
  }

  private void addPart(String prefix, Token nameToken, Token regexpOrWildcard, String suffix, Token modifierToken) {
    Modifier modifier = Modifier.NONE;
    if (modifierToken != null) {
      modifier = switch (modifierToken.value()) {
        case "?" -> Modifier.OPTIONAL;
        case "*" -> Modifier.ZERO_OR_MORE;
        default -> Modifier.ONE_OR_MORE;
      };
    }
    if (nameToken == null && regexpOrWildcard == null && modifier == Modifier.NONE) {
      pending.append(prefix);
      return;
    }
    flushPending();
    if (nameToken == null && regexpOrWildcard == null) {
      if (prefix.isEmpty()) return;
      parts.add(new Part(PartType.FIXED_TEXT, encode.apply(prefix), modifier, "", "", ""));
      return;
    }
    String regexp;
    if (regexpOrWildcard == null) regexp = options.segmentWildcard();
    else if (regexpOrWildcard.type() == Type.ASTERISK) regexp = FULL_WILDCARD;
    else regexp = regexpOrWildcard.value();
    PartType type = PartType.REGEXP;
    if (regexp.equals(options.segmentWildcard())) {
      type = PartType.SEGMENT_WILDCARD;
      regexp = "";
    } else if (regexp.equals(FULL_WILDCARD)) {
      type = PartType.FULL_WILDCARD;
      regexp = "";
    }
    String name;
    if (nameToken != null) name = nameToken.value();
    else name = Integer.toString(nextNumericName++);
    for (Part p : parts) if (p.name().equals(name)) throw new PatternTokens.Invalid("duplicate group name " + name);
    parts.add(new Part(type, regexp, modifier, name, encode.apply(prefix), encode.apply(suffix)));
  }

  /** The part list's regular expression, anchored at both ends, in RE2 syntax. */
  static String regex(List<Part> parts, Options options) {
    var r = new StringBuilder("^");
    for (Part part : parts) {
      if (part.type() == PartType.FIXED_TEXT) {
        if (part.modifier() == Modifier.NONE) r.append(escape(part.value()));
        else r.append("(?:").append(escape(part.value())).append(')').append(modifier(part.modifier()));
        continue;
      }
      String value = switch (part.type()) {
        // JavaScript's "[^]" (any code point) has no RE2 spelling; "(?s:.)" is the same set.
        case SEGMENT_WILDCARD -> options.delimiter().isEmpty() ? "(?s:.)+?" : options.segmentWildcard();
        case FULL_WILDCARD -> FULL_WILDCARD;
        default -> part.value();
      };
      boolean repeating = part.modifier() == Modifier.ZERO_OR_MORE || part.modifier() == Modifier.ONE_OR_MORE;
      if (part.prefix().isEmpty() && part.suffix().isEmpty()) {
        if (!repeating) r.append('(').append(value).append(')').append(modifier(part.modifier()));
        else r.append("((?:").append(value).append(')').append(modifier(part.modifier())).append(')');
        continue;
      }
      if (!repeating) {
        r.append("(?:").append(escape(part.prefix())).append('(').append(value).append(')')
            .append(escape(part.suffix())).append(')').append(modifier(part.modifier()));
        continue;
      }
      r.append("(?:").append(escape(part.prefix())).append("((?:").append(value).append(")(?:")
          .append(escape(part.suffix())).append(escape(part.prefix())).append("(?:").append(value)
          .append("))*)").append(escape(part.suffix())).append(')');
      if (part.modifier() == Modifier.ZERO_OR_MORE) r.append('?');
    }
    return r.append('$').toString();
  }

  private static String modifier(Modifier m) {
    return switch (m) {
      case OPTIONAL -> "?";
      case ZERO_OR_MORE -> "*";
      case ONE_OR_MORE -> "+";
      case NONE -> "";
    };
  }

  static String escape(String s) {
    return backslashed(s, ".+*?^${}()[]|/\\");
  }

  /** {@code s} with a backslash before each of {@code special}. */
  static String backslashed(String s, String special) {
    var out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (special.indexOf(c) >= 0) out.append('\\');
      out.append(c);
    }
    return out.toString();
  }
}
