package newsdesk.testing;

import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of request bodies a hostile or careless client sends: JSON text of any
 * shape (huge and malformed numbers, any Unicode, escapes of lone surrogates and NUL, deep nesting,
 * repeated keys), objects whose keys are mostly the fields a route knows (so each field gets every
 * wrong type), and text that is not JSON at all.
 */
public final class HostileJson {
  private static final List<String> NUMBERS = List.of("0", "-0", "1.5", "-1", "1e999999", "-1e-999999",
      "123456789012345678901234567890123456789012345678901234567890", "9223372036854775808", "1E400",
      "0.000000000000000000000000000000000000000000001", "2147483648", "NaN", "Infinity", "01", "1.", ".5");
  private static final List<String> GARBAGE = List.of("", " ", "{", "}", "[", "{\"a\":", "{\"a\" 1}", "nul",
      "{'a':1}", "{\"a\":1,}", "{\"a\":1}{\"b\":2}", "\u0000", "\uFEFF{}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}",
      "{\"a\":1} trailing", "/* comment */ {}");

  private HostileJson() {}

  /** A body for a route whose object knows {@code fields}. */
  public static Gen<String> bodyFor(List<String> fields) {
    return in -> switch (Generate.range(0, 9).generate(in)) {
      case 0 -> value(fields, 3).generate(in);
      case 1 -> Generate.pick(GARBAGE).generate(in);
      case 2 -> deep(Generate.range(1, 5_000).generate(in), Generate.booleans().generate(in));
      case 3 -> "{\"" + Generate.pick(fields).generate(in) + "\":1,\"" + Generate.pick(fields).generate(in) + "\":2}";
      default -> object(fields, 3).generate(in);
    };
  }

  /** Any JSON value, nested at most {@code depth} deep. */
  public static Gen<String> value(List<String> keys, int depth) {
    return in -> {
      int kind = Generate.range(0, depth > 0 ? 6 : 4).generate(in);
      return switch (kind) {
        case 0 -> Generate.pick(List.of("null", "true", "false")).generate(in);
        case 1 -> Generate.pick(NUMBERS).generate(in);
        case 2 -> Long.toString(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).generate(in));
        case 3, 4 -> quoted(text(400).generate(in));
        case 5 -> array(keys, depth - 1, in);
        default -> object(keys, depth - 1).generate(in);
      };
    };
  }

  /** A JSON object whose keys are mostly {@code keys}. */
  public static Gen<String> object(List<String> keys, int depth) {
    return in -> {
      int n = Generate.range(0, 6).generate(in);
      var sb = new StringBuilder("{");
      for (int i = 0; i < n; i++) {
        if (i > 0) sb.append(',');
        String key = Generate.range(0, 4).generate(in) == 0 ? text(20).generate(in) : Generate.pick(keys).generate(in);
        sb.append(quoted(key)).append(':').append(value(keys, Math.max(0, depth)).generate(in));
      }
      return sb.append('}').toString();
    };
  }

  private static String array(List<String> keys, int depth, RandomnessSource in) {
    int n = Generate.range(0, 4).generate(in);
    var sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(',');
      sb.append(value(keys, depth).generate(in));
    }
    return sb.append(']').toString();
  }

  private static String deep(int levels, boolean objects) {
    return objects ? "{\"a\":".repeat(levels) + "1" + "}".repeat(levels) : "[".repeat(levels) + "]".repeat(levels);
  }

  /**
   * Text of up to {@code max} characters from every part of Unicode: ASCII, controls, Latin,
   * right-to-left, CJK, astral emoji, and (as JSON escapes) lone surrogates and NUL.
   */
  public static Gen<String> text(int max) {
    return in -> {
      int n = Generate.range(0, max).generate(in);
      var sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        int cp = switch (Generate.range(0, 7).generate(in)) {
          case 0 -> Generate.range(0, 0x1F).generate(in);
          case 1 -> Generate.range(0x80, 0x7FF).generate(in);
          case 2 -> Generate.range(0x590, 0x6FF).generate(in);
          case 3 -> Generate.range(0x4E00, 0x9FFF).generate(in);
          case 4 -> Generate.range(0x1F300, 0x1FAFF).generate(in);
          case 5 -> Generate.range(0xD800, 0xDFFF).generate(in);
          default -> Generate.range(0x20, 0x7E).generate(in);
        };
        sb.appendCodePoint(cp);
      }
      return sb.toString();
    };
  }

  /** {@code s} as a JSON string literal: controls and surrogates escaped, so lone ones reach the parser. */
  public static String quoted(String s) {
    var sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20 || Character.isSurrogate(c) && !pairedAt(s, i)) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.append('"').toString();
  }

  private static boolean pairedAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
