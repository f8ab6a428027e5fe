package newsdesk.content;

import java.util.List;

/** Field rules for newsroom input; each failure names the field. */
final class Validation {
  private Validation() {}

  static String text(String field, String value, int min, int max) {
    if (value == null) {
      if (min > 0) throw ContentException.invalid(field, field + " is required");
      return "";
    }
    String v = value.strip();
    if (v.length() < min) throw ContentException.invalid(field, field + " must not be empty");
    if (v.length() > max) throw ContentException.invalid(field, field + " must be at most " + max + " characters");
    if (v.indexOf('\0') >= 0) throw ContentException.invalid(field, field + " must not contain NUL");
    return v;
  }

  static String section(String value) {
    String v = text("section", value, 1, Slugs.SECTION_MAX_LENGTH);
    if (!Slugs.isSectionName(v)) {
      throw ContentException.invalid("section", "section must be lower-case letters, digits and hyphens");
    }
    return v;
  }

  static List<String> list(String field, List<String> values, int maxItems, int maxLength) {
    if (values == null) return List.of();
    if (values.size() > maxItems) throw ContentException.invalid(field, field + " may hold at most " + maxItems + " items");
    return values.stream()
        .map(v -> text(field, v, 1, maxLength))
        .distinct()
        .toList();
  }
}
