package newsdesk.feeds;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Conditional GET (RFC 9110 §13) for a document rendered in full: a strong {@code ETag} from the
 * bytes themselves, so any change of what is sent changes it, and {@code Last-Modified} from the
 * newest "Last Updated" it shows. {@code If-None-Match} decides when sent; only without it does
 * {@code If-Modified-Since}.
 */
record Conditional(String etag, String lastModified, Instant modified) {

  static Conditional of(byte[] body, Instant modified) {
    Instant seconds = modified.truncatedTo(ChronoUnit.SECONDS);
    return new Conditional(etagOf(body), DateTimeFormatter.RFC_1123_DATE_TIME.format(seconds.atOffset(ZoneOffset.UTC)),
        seconds);
  }

  /** Whether a GET carrying these request headers (either may be null) is answered 304. */
  boolean notModified(String ifNoneMatch, String ifModifiedSince) {
    if (ifNoneMatch != null) {
      for (String tag : ifNoneMatch.split(",")) {
        String t = tag.strip();
        if (t.equals("*") || weak(t).equals(etag)) return true; // GET compares weakly (§13.1.2)
      }
      return false;
    }
    if (ifModifiedSince == null) return false;
    try {
      Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return !modified.isAfter(since);
    } catch (DateTimeParseException e) {
      return false; // an invalid date is ignored (§13.1.3)
    }
  }

  private static String weak(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private static String etagOf(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
