package newsdesk.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Time labels for reader pages (plain-text snippets are {@link newsdesk.content.PlainText}). */
final class PageText {
  // The no-JS fallback; reader.js replaces it with a relative time in the reader's own locale.
  private static final DateTimeFormatter FALLBACK =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private PageText() {}

  static String fallbackTime(Instant t) {
    return t == null ? "" : FALLBACK.format(t);
  }
}
