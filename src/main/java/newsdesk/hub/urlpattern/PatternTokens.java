package newsdesk.hub.urlpattern;

import java.util.ArrayList;
import java.util.List;

/** The URL Pattern Standard's tokenizer: a pattern string to tokens, strictly or leniently. */
final class PatternTokens {
  private PatternTokens() {}

  enum Type { OPEN, CLOSE, REGEXP, NAME, CHAR, ESCAPED_CHAR, OTHER_MODIFIER, ASTERISK, END, INVALID_CHAR }

  /** {@code index} is in code points; {@code value} is the token's text. */
  record Token(Type type, int index, String value) {}

  static final class Invalid extends IllegalArgumentException {
    Invalid(String message) {
      super(message, null);
    }
  }

  /** @param lenient invalid input becomes {@code INVALID_CHAR} tokens instead of an {@link Invalid} */
  static List<Token> tokenize(int[] in, boolean lenient) {
    var tokens = new ArrayList<Token>();
    int i = 0;
    int n = in.length;
    while (i < n) {
      int c = in[i];
      switch (c) {
        case '*' -> { tokens.add(new Token(Type.ASTERISK, i, str(in, i, 1))); i++; }
        case '+', '?' -> { tokens.add(new Token(Type.OTHER_MODIFIER, i, str(in, i, 1))); i++; }
        case '{' -> { tokens.add(new Token(Type.OPEN, i, "{")); i++; }
        case '}' -> { tokens.add(new Token(Type.CLOSE, i, "}")); i++; }
        case '\\' -> {
          if (i == n - 1) {
            i = error(tokens, in, lenient, i, i + 1, i + 1, "a pattern cannot end with a backslash");
          } else {
            tokens.add(new Token(Type.ESCAPED_CHAR, i, str(in, i + 1, 1)));
            i += 2;
          }
        }
        case ':' -> {
          int p = i + 1;
          while (p < n && validName(in[p], p == i + 1)) p++;
          if (p == i + 1) {
            i = error(tokens, in, lenient, i, i + 1, i + 1, "':' must start a group name");
          } else {
            tokens.add(new Token(Type.NAME, i, str(in, i + 1, p - i - 1)));
            i = p;
          }
        }
        case '(' -> i = regexp(tokens, in, lenient, i);
        default -> { tokens.add(new Token(Type.CHAR, i, str(in, i, 1))); i++; }
      }
    }
    tokens.add(new Token(Type.END, n, ""));
    return tokens;
  }

  private static int regexp(List<Token> tokens, int[] in, boolean lenient, int i) {
    int n = in.length;
    int depth = 1;
    int start = i + 1;
    int p = start;
    while (p < n) {
      int c = in[p];
      if (c > 0x7F) return error(tokens, in, lenient, i, start, p, "a regexp group holds ASCII only");
      if (p == start && c == '?') return error(tokens, in, lenient, i, start, p, "a regexp group cannot start with '?'");
      if (c == '\\') {
        if (p == n - 1) return error(tokens, in, lenient, i, start, p, "a regexp group cannot end with a backslash");
        if (in[p + 1] > 0x7F) return error(tokens, in, lenient, i, start, p, "a regexp group holds ASCII only");
        p += 2;
        continue;
      }
      if (c == ')') {
        depth--;
        if (depth == 0) {
          p++;
          break;
        }
      } else if (c == '(') {
        depth++;
        if (p == n - 1) return error(tokens, in, lenient, i, start, p, "an unclosed regexp group");
        if (in[p + 1] != '?') return error(tokens, in, lenient, i, start, p, "a nested group must be non-capturing");
      }
      p++;
    }
    if (depth != 0) return error(tokens, in, lenient, i, start, p, "an unclosed regexp group");
    int length = p - start - 1;
    if (length == 0) return error(tokens, in, lenient, i, start, p, "an empty regexp group");
    tokens.add(new Token(Type.REGEXP, i, str(in, start, length)));
    return p;
  }

  /** Strict: throws. Lenient: one invalid-char token for the code point at {@code at}, going on after it. */
  private static int error(List<Token> tokens, int[] in, boolean lenient, int at, int next, int unused, String why) {
    if (!lenient) throw new Invalid(why);
    tokens.add(new Token(Type.INVALID_CHAR, at, str(in, at, 1)));
    return at + 1;
  }

  static boolean validName(int c, boolean first) {
    if (c == '$' || c == '_') return true;
    if (first) return Character.isUnicodeIdentifierStart(c);
    return c == 0x200C || c == 0x200D || (Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
  }

  static String str(int[] in, int from, int length) {
    return new String(in, from, length);
  }
}
