package newsdesk.mercure;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;

/**
 * Whether a request comes from a page the hub trusts, by its {@code Origin} (else its
 * {@code Referer}): the hub's own origin or one of {@code mercure.cors-origins}. Draft-08 asks this
 * of cookie-authorised publishes, since a browser sends the cookie whichever site asks; a request
 * with neither header is refused.
 */
final class CrossSite {
  private CrossSite() {}

  static boolean trusted(HttpServerRequest req, MercureSettings settings) {
    String origin = req.getHeader("Origin");
    if (origin == null || origin.equals("null")) origin = originOf(req.getHeader("Referer"));
    if (origin == null) return false;
    return origin.equals(originOf(settings.hubUrl())) || settings.corsOrigins().contains(origin);
  }

  private static String originOf(String url) {
    if (url == null) return null;
    try {
      URI u = URI.create(url);
      if (u.getScheme() == null || u.getHost() == null) return null;
      return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
