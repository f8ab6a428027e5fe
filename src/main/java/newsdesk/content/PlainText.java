package newsdesk.content;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain text from sanitised HTML, for labels, JSON-LD and feed titles, and HTML from plain text. */
public final class PlainText {
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private PlainText() {}

  /**
   * The visible text of sanitiser output, for labels and JSON-LD. The result is plain text and is
   * escaped again wherever it is placed, so decoding entities here cannot open a hole.
   */
  public static String plain(String html) {
    if (html == null || html.isEmpty()) return "";
    String text = TAG.matcher(html).replaceAll(" ");
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1), m.group())));
    m.appendTail(out);
    return SPACE.matcher(out).replaceAll(" ").strip();
  }

  /** At most {@code max} characters, cut at a word boundary with an ellipsis. */
  public static String snippet(String text, int max) {
    if (text.length() <= max) return text;
    int cut = text.lastIndexOf(' ', max - 1);
    if (cut < max / 2) cut = max - 1;
    return text.substring(0, cut).stripTrailing() + "…";
  }

  /** Newsroom plain text (a correction, a retraction) made safe to place inside HTML. */
  public static String escapeHtml(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
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
