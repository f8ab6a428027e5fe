package newsdesk.content;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The public addresses of reader pages. A page's address is also its hub topic, so a page
 * subscribes to itself and a Mercure client names the same resource the same way.
 */
public final class SiteUrls {
  private final String base;

  public SiteUrls(URI publicBase) {
    String s = publicBase.toString();
    this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  public String home() {
    return base + "/";
  }

  public String section(String name) {
    return base + "/sections/" + encode(name);
  }

  public String story(String slug) {
    return base + "/stories/" + encode(slug);
  }

  /** The newsroom's own topic (the desk's address): private notices only the newsroom's tools follow. */
  public String newsroom() {
    return base + "/desk";
  }

  /** A rendition file's address: content-addressed, so it never changes (served as immutable). */
  public String image(String file) {
    return base + "/images/" + file;
  }

  /** An {@code <img srcset>}: each rendition's address and width, narrowest first. */
  public String srcset(newsdesk.store.Image image) {
    var out = new StringBuilder();
    for (var r : image.renditions()) {
      if (out.length() > 0) out.append(", ");
      out.append(image(r.file())).append(' ').append(r.width()).append('w');
    }
    return out.toString();
  }

  public String base() {
    return base;
  }

  /** A browser's {@code Origin} for pages under {@code url}: scheme, host and any explicit port; "" without a host. */
  public static String originOf(URI url) {
    if (url.getScheme() == null || url.getHost() == null) return "";
    String origin = url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT);
    return url.getPort() < 0 ? origin : origin + ":" + url.getPort();
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
