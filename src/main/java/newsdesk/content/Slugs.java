package newsdesk.content;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Slugs: lower-case ASCII words joined by hyphens, as they appear in a story's address. Section
 * names have the same shape, shorter; this class is the one home of that shape.
 */
public final class Slugs {
  /** The shape of a slug or section name, as a regular expression to match whole or to compose. */
  public static final String PATTERN = "[a-z0-9]+(?:-[a-z0-9]+)*";
  public static final int MAX_LENGTH = 80;
  public static final int SECTION_MAX_LENGTH = 40;
  private static final Pattern VALID = Pattern.compile(PATTERN);
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

  private Slugs() {}

  public static boolean isValid(String slug) {
    return slug != null && slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
  }

  /** Whether {@code name} could be a section the newsroom created. */
  public static boolean isSectionName(String name) {
    return name != null && name.length() <= SECTION_MAX_LENGTH && VALID.matcher(name).matches();
  }

  /** A slug made from a headline; "story" if the headline has no letters or digits to use. */
  public static String fromHeadline(String headline) {
    String ascii = MARKS.matcher(Normalizer.normalize(headline, Normalizer.Form.NFKD)).replaceAll("");
    String s = NON_WORD.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
    s = trimHyphens(s);
    if (s.length() > MAX_LENGTH) {
      s = s.substring(0, MAX_LENGTH);
      int cut = s.lastIndexOf('-');
      if (cut > MAX_LENGTH / 2) s = s.substring(0, cut);
      s = trimHyphens(s);
    }
    return s.isEmpty() ? "story" : s;
  }

  /**
   * The {@code n}th variant of {@code base} ("base-2", "base-3", ...), shortening {@code base} so
   * the result is still at most {@link #MAX_LENGTH} characters and so still a valid slug.
   */
  public static String numbered(String base, int n) {
    String suffix = "-" + n;
    String stem = base;
    if (stem.length() + suffix.length() > MAX_LENGTH) {
      stem = trimHyphens(stem.substring(0, MAX_LENGTH - suffix.length()));
    }
    return stem.isEmpty() ? "story" + suffix : stem + suffix;
  }

  private static String trimHyphens(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '-') from++;
    while (to > from && s.charAt(to - 1) == '-') to--;
    return s.substring(from, to);
  }
}
