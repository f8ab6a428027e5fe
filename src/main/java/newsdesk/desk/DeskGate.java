package newsdesk.desk;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import newsdesk.auth.DeskSessions;
import newsdesk.content.SiteUrls;
import newsdesk.http.Problem;
import newsdesk.http.ProblemException;
import newsdesk.http.ProblemType;
import newsdesk.store.Role;
import newsdesk.store.SignedIn;

/**
 * Who is at the desk, and whether a change may go ahead. A session is a cookie (HttpOnly,
 * SameSite=Lax, Secure with the {@code __Host-} prefix when the public URL is https). A change — any
 * method but GET and HEAD — also needs the session's CSRF token (header {@value #CSRF_HEADER} or
 * form field {@value #CSRF_FIELD}) and must come from this site's own origin (the Origin header,
 * else the Referer's): SameSite alone does not cover older browsers or a sibling subdomain.
 */
public final class DeskGate {
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String CSRF_FIELD = "csrf";

  private final DeskSessions sessions;
  private final String origin;
  private final boolean secure;
  private final String cookieName;

  public DeskGate(DeskSessions sessions, URI publicUrl) {
    this.sessions = sessions;
    this.origin = SiteUrls.originOf(publicUrl);
    this.secure = "https".equalsIgnoreCase(publicUrl.getScheme());
    this.cookieName = secure ? "__Host-nd_session" : "nd_session";
  }

  /** What a request brings to the desk, read on its event loop; checked later, off it. */
  public record Presented(String sessionId, String csrf, String origin, String referer, boolean change) {
    public boolean hasSession() {
      return sessionId != null && !sessionId.isEmpty();
    }

    @Override
    public String toString() {
      return "Presented[session=" + (hasSession() ? "yes" : "no") + ", change=" + change + "]";
    }
  }

  public Presented presented(HttpServerRequest req) {
    return presented(req, req.getHeader(CSRF_HEADER));
  }

  /** As {@link #presented(HttpServerRequest)}, with the CSRF token a form carried. */
  public Presented presented(HttpServerRequest req, String csrf) {
    Cookie c = req.getCookie(cookieName);
    boolean change = req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD;
    return new Presented(c == null ? null : c.getValue(), csrf, req.getHeader("Origin"), req.getHeader("Referer"), change);
  }

  /**
   * The signed-in person, if {@code p} is a live session and, for a change, carries the CSRF token
   * from this origin, and their role allows {@code needed}. Blocking: reads the store.
   *
   * @throws ProblemException 401 without a live session, 403 for a foreign origin, a missing or
   *     wrong CSRF token, or a role below {@code needed}
   */
  public SignedIn require(Presented p, Role needed) {
    if (!p.hasSession()) throw refuse(ProblemType.UNAUTHORIZED, "sign in to the desk, or send an API token");
    if (p.change()) {
      if (!fromThisSite(p)) throw refuse(ProblemType.FORBIDDEN, "a change must come from this site's own pages");
      if (!DeskSessions.csrfMatches(p.sessionId(), p.csrf())) {
        throw refuse(ProblemType.FORBIDDEN, "the CSRF token is missing or wrong; reload the page and try again");
      }
    }
    SignedIn who = sessions.resolve(p.sessionId())
        .orElseThrow(() -> refuse(ProblemType.UNAUTHORIZED, "the desk session has ended; sign in again"));
    return allowing(who, needed);
  }

  /** {@code who}, if their role allows {@code needed}; a page that has resolved its session checks the role here. */
  public SignedIn allowing(SignedIn who, Role needed) {
    if (!who.user().role().allows(needed)) {
      throw refuse(ProblemType.FORBIDDEN, "this needs the " + needed.wire() + " role; you are " + article(who.user().role()));
    }
    return who;
  }

  /** The signed-in person for a page, if any. Blocking: reads the store. */
  public Optional<SignedIn> current(Presented p) {
    return p.hasSession() ? sessions.resolve(p.sessionId()) : Optional.empty();
  }

  /** Whether the request came from this site (Origin, else Referer); a request with neither is refused. */
  public boolean fromThisSite(Presented p) {
    if (p.origin() != null) return origin.equals(p.origin().toLowerCase(Locale.ROOT));
    if (p.referer() == null) return false;
    try {
      return origin.equals(SiteUrls.originOf(URI.create(p.referer())));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public String cookieName() {
    return cookieName;
  }

  /** The Set-Cookie value that starts a session, for as long as the session lives. */
  public String sessionCookie(String id) {
    return cookieName + "=" + id + "; Path=/; Max-Age=" + sessions.life().toSeconds() + "; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "");
  }

  /** The Set-Cookie value that removes the session cookie. */
  public String clearedCookie() {
    return cookieName + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
  }

  private static String article(Role role) {
    return (role == Role.ADMIN || role == Role.EDITOR ? "an " : "a ") + role.wire();
  }

  private static ProblemException refuse(ProblemType type, String detail) {
    return new ProblemException(Problem.of(type, detail));
  }
}
