package newsdesk.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON a service worker gets: what to show ({@code title}, {@code body}, {@code icon}), where a
 * click goes ({@code url}), and a {@code tag} per story, so a newer alert about one story
 * replaces the older notification (and a message sent twice shows once).
 *
 * <p>Always at most {@link Aes128Gcm#MAX_PLAINTEXT} bytes of UTF-8: the body text is shortened
 * at a word boundary with an ellipsis (then the title, if it alone is too long), so an alert is
 * never refused by a push service for its size.
 */
public record PushPayload(String kind, String title, String body, String url, String icon, String tag, Instant at) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String toJson() {
    String t = title;
    String b = body;
    String json = render(t, b);
    if (bytes(json) <= Aes128Gcm.MAX_PLAINTEXT) return json;
    b = shorten(b, (lo) -> bytes(render(title, lo)) <= Aes128Gcm.MAX_PLAINTEXT);
    json = render(t, b);
    if (bytes(json) <= Aes128Gcm.MAX_PLAINTEXT) return json;
    String body0 = b;
    t = shorten(t, (lo) -> bytes(render(lo, body0)) <= Aes128Gcm.MAX_PLAINTEXT);
    json = render(t, b);
    if (bytes(json) > Aes128Gcm.MAX_PLAINTEXT) throw new IllegalStateException("push payload cannot be made small enough");
    return json;
  }

  private String render(String t, String b) {
    ObjectNode n = JSON.createObjectNode();
    n.put("v", 1);
    n.put("kind", kind);
    n.put("title", t);
    n.put("body", b);
    n.put("url", url);
    n.put("icon", icon);
    n.put("tag", tag);
    n.put("ts", at.toEpochMilli());
    return n.toString();
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The longest prefix of {@code s} (in code points, cut at a space when one is near) that {@code fits}. */
  static String shorten(String s, java.util.function.Predicate<String> fits) {
    int[] cps = s.codePoints().toArray();
    int lo = 0;
    int hi = cps.length;
    while (lo < hi) { // largest n with fits(prefix(n) + "…")
      int mid = (lo + hi + 1) >>> 1;
      if (fits.test(prefix(cps, mid))) lo = mid;
      else hi = mid - 1;
    }
    String cut = new String(cps, 0, lo);
    int space = cut.lastIndexOf(' ');
    if (space > cut.length() * 3 / 4) cut = cut.substring(0, space);
    return lo == 0 ? "" : cut.stripTrailing() + "…";
  }

  private static String prefix(int[] cps, int n) {
    return new String(cps, 0, n) + "…";
  }
}
