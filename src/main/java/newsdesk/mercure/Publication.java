package newsdesk.mercure;

import newsdesk.admission.Characters;
import newsdesk.hub.urlpattern.WebUrl;
import newsdesk.store.NewEvent;

/**
 * The publication rules that protect what the hub itself generates, for both protocols: no topic
 * may address the hub's own namespace ({@code /.well-known/mercure} and below, tested on the path
 * once resolved against the hub's URL, dot segments removed and unreserved escapes decoded, so
 * {@code /.well-known/%6Dercure/…} is caught too) and no update may take the event type
 * {@code mercure}. Draft-08 publishers are also held to its character rules and the reserved
 * {@code *} topic and {@code #} ids.
 */
final class Publication {
  private Publication() {}

  /**
   * @param hub the hub's URL, parsed once
   * @return why the update is refused, naming the field first ("field: why"), or null
   */
  static String refusal(NewEvent update, WebUrl hub, boolean draft08) {
    for (String topic : update.topics()) {
      if (draft08 && Characters.hasForbidden(topic)) return "topic: a topic holds no control or format characters";
      if (draft08 && topic.equals("*")) return "topic: '*' is the wildcard and cannot be published to";
      if (addressesHub(topic, hub)) return "topic: " + hub.path() + " and below are reserved for the hub's own updates";
    }
    if ("mercure".equals(update.type())) return "type: the event type 'mercure' is reserved for the hub's own updates";
    if (draft08 && update.type() != null && Characters.hasForbidden(update.type())) {
      return "type: the type holds no control or format characters";
    }
    if (draft08 && update.id() != null && (update.id().startsWith("#") || Characters.hasForbidden(update.id()))) {
      return "id: an id cannot start with '#' nor hold control or format characters";
    }
    return null;
  }

  static boolean addressesHub(String topic, WebUrl hub) {
    var resolved = WebUrl.parse(topic, hub);
    if (resolved.isEmpty() || resolved.get().opaquePath()) return false;
    String path = decodeUnreserved(resolved.get().path());
    String root = hub.path();
    return path.equals(root) || path.startsWith(root + "/");
  }

  /**
   * Decodes percent-escapes of unreserved characters (RFC 3986 §2.3); the rest stay escaped. Dot
   * segments, escaped or not, were already removed by the URL parser.
   */
  static String decodeUnreserved(String path) {
    var out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' && i + 2 < path.length()) {
        int hi = Character.digit(path.charAt(i + 1), 16);
        int lo = Character.digit(path.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0 && unreserved((char) (hi * 16 + lo))) {
          out.append((char) (hi * 16 + lo));
          i += 2;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '_' || c == '~';
  }
}
