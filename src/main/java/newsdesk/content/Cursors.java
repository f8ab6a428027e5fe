package newsdesk.content;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The story list's page cursors: opaque to clients, a story id inside. */
final class Cursors {
  private Cursors() {}

  static String encode(long id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("id:" + id).getBytes(StandardCharsets.UTF_8));
  }

  static long decode(String cursor) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!s.startsWith("id:")) throw new IllegalArgumentException();
      return Long.parseLong(s.substring(3));
    } catch (IllegalArgumentException e) {
      throw ContentException.invalid("cursor", "cursor is not one this API gave out");
    }
  }
}
