package newsdesk.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small text helpers for reader pages: plain-text snippets of sanitised HTML and time labels. */
final class PageText {
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  private static final Pattern SPACE = Pattern.compile("\\s+");
  // The no-JS fallback; reader.js replaces it with a relative time in the reader's own locale.
  private static final DateTimeFormatter FALLBACK =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private PageText() {}

  /**
   * The visible text of sanitiser output, for labels and JSON-LD. The result is plain text and is
   * escaped again wherever it is placed, so decoding entities here cannot open a hole.
   */
  static String plain(String html) {
    if (html == null || html.isEmpty()) return "";
    String text = TAG.matcher(html).replaceAll(" ");
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1), m.group())));
    m.appendTail(out);
    return SPACE.matcher(out).replaceAll(" ").strip();
  }

  /** At most {@code max} characters, cut at a word boundary with an ellipsis. */
  static String snippet(String text, int max) {
    if (text.length() <= max) return text;
    int cut = text.lastIndexOf(' ', max - 1);
    if (cut < max / 2) cut = max - 1;
    return text.substring(0, cut).stripTrailing() + "…";
  }

  static String fallbackTime(Instant t) {
    return t == null ? "" : FALLBACK.format(t);
  }

  private static String decode(String name, String whole) {
    try {
      if (name.startsWith("#x") || name.startsWith("#X")) return Character.toString(Integer.parseInt(name.substring(2), 16));
      if (name.startsWith("#")) return Character.toString(Integer.parseInt(name.substring(1)));
    } catch (IllegalArgumentException e) {
      return whole;
    }
    return switch (name) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "nbsp" -> " ";
      default -> whole;
    };
  }
}
