package newsdesk.http;

import io.vertx.core.http.HttpServerResponse;

/**
 * The security headers of HTML pages. Both policies allow scripts and styles from this origin
 * only (no inline script, no eval), so injected markup cannot run; the desk also may not be framed
 * (clickjacking a Publish button) and never leaves its address in another site's logs.
 */
public final class SecurityHeaders {
  public static final String READER_CSP = "default-src 'self'; img-src 'self' data: https:; script-src 'self'; "
      + "style-src 'self'; object-src 'none'; base-uri 'none'";
  public static final String DESK_CSP = "default-src 'self'; img-src 'self' data:; script-src 'self'; "
      + "style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  private SecurityHeaders() {}

  /**
   * A reader page: no-cache, not no-store, so a browser may keep the page but must revalidate, and
   * a reader never starts from a stale copy that its event stream cannot fully repair.
   */
  public static HttpServerResponse readerPage(HttpServerResponse res) {
    return html(res, READER_CSP)
        .putHeader("Cache-Control", "no-cache")
        .putHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  }

  /** A desk page: it carries drafts and a CSRF token, so no cache keeps it. */
  public static HttpServerResponse deskPage(HttpServerResponse res) {
    return html(res, DESK_CSP)
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "same-origin");
  }

  private static HttpServerResponse html(HttpServerResponse res, String csp) {
    return res.putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", csp)
        .putHeader("X-Content-Type-Options", "nosniff");
  }
}
