package newsdesk.desk;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import newsdesk.admission.SignInLimiter;
import newsdesk.admission.TrustedProxies;
import newsdesk.auth.DeskSessions;
import newsdesk.auth.Users;
import newsdesk.content.ContentService;
import newsdesk.content.Slugs;
import newsdesk.http.Blocking;
import newsdesk.http.FormBody;
import newsdesk.http.Problem;
import newsdesk.http.ProblemException;
import newsdesk.store.Role;
import newsdesk.store.SignedIn;
import newsdesk.store.Story;
import newsdesk.store.StoryStatus;

/**
 * The desk's pages: sign-in and sign-out, the story list at {@code /desk}, the editor
 * ({@link EditorRoutes}) and the live-blog console ({@link LiveConsoleRoutes}). Pages are rendered
 * on the server and work without JavaScript; desk.js keeps the list current. A page asked for
 * without a session goes to the sign-in page; its JSON and fragments answer 401 instead.
 */
public final class DeskRoutes {
  static final int FORM_LIMIT = 16 * 1024;
  static final int LIST_SIZE = 100;

  private final ContentService content;
  private final Users users;
  private final DeskSessions sessions;
  private final DeskGate gate;
  private final SignInLimiter limits;
  private final TrustedProxies proxies;
  private final Blocking blocking;
  private final DeskPresence presence;
  private final DeskRenderer renderer = new DeskRenderer();
  private final DeskPages pages;
  private final ZoneId zone;

  /** @param zone the newsroom's time zone ({@code time-zone}), in which the desk shows and takes publication times */
  public DeskRoutes(ContentService content, Users users, DeskSessions sessions, DeskGate gate, SignInLimiter limits,
      TrustedProxies proxies, Blocking blocking, ZoneId zone, DeskPresence presence) {
    this.zone = zone;
    this.content = content;
    this.users = users;
    this.sessions = sessions;
    this.gate = gate;
    this.limits = limits;
    this.proxies = proxies;
    this.blocking = blocking;
    this.presence = presence;
    this.pages = new DeskPages(gate, blocking);
  }

  public void mount(Router r) {
    r.get("/desk/sign-in").handler(this::signInPage);
    r.post("/desk/sign-in").handler(ctx -> FormBody.read(ctx, FORM_LIMIT, form -> signIn(ctx, form)));
    r.post("/desk/sign-out").handler(ctx -> FormBody.read(ctx, FORM_LIMIT, form -> signOut(ctx, form)));
    r.get("/desk").handler(this::storyList);
    r.get("/desk/").handler(ctx -> DeskPages.redirect(ctx, "/desk"));
    r.get("/desk/rows").handler(this::rows);
    new EditorRoutes(content, pages, gate, blocking, renderer, zone).mount(r);
    new LiveConsoleRoutes(content, pages, gate, blocking, renderer).mount(r);
    presence.mount(r);
  }

  private void signInPage(RoutingContext ctx) {
    var presented = gate.presented(ctx.request());
    blocking.call(() -> gate.current(presented)).onSuccess(who -> {
      if (who.isPresent()) DeskPages.redirect(ctx, "/desk");
      else DeskPages.page(ctx, 200, renderer.signIn(new DeskModels.SignInPage("", null)));
    }).onFailure(ctx::fail);
  }

  private void signIn(RoutingContext ctx, MultiMap form) {
    var req = ctx.request();
    String email = form.get("email");
    String password = form.get("password");
    String shown = email == null ? "" : email.strip();
    if (!gate.fromThisSite(gate.presented(req))) {
      DeskPages.page(ctx, 403, renderer.signIn(new DeskModels.SignInPage(shown, "Sign in from this site's own sign-in page.")));
      return;
    }
    boolean missing = email == null || email.isBlank() || password == null || password.isEmpty();
    if (missing || email.length() > Users.MAX_EMAIL) {
      DeskPages.page(ctx, 400, renderer.signIn(new DeskModels.SignInPage(shown, "Enter your email and password.")));
      return;
    }
    var verdict = limits.attempt(proxies.clientOf(req), email);
    if (!verdict.allowed()) {
      ctx.response().putHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
      DeskPages.page(ctx, 429, renderer.signIn(new DeskModels.SignInPage(shown,
          "Too many sign-in attempts. Try again in " + verdict.retryAfterSeconds() + " seconds.")));
      return;
    }
    blocking.call(() -> users.authenticate(email, password.toCharArray()).map(sessions::start)).onSuccess(started -> {
      if (started.isEmpty()) {
        DeskPages.page(ctx, 401, renderer.signIn(new DeskModels.SignInPage(shown, "The email or password is not right.")));
        return;
      }
      ctx.response().putHeader("Set-Cookie", gate.sessionCookie(started.get().id()));
      DeskPages.redirect(ctx, "/desk");
    }).onFailure(ctx::fail);
  }

  /** Ends the session. One that has already ended just goes back to the sign-in page. */
  private void signOut(RoutingContext ctx, MultiMap form) {
    var presented = gate.presented(ctx.request(), form.get(DeskGate.CSRF_FIELD));
    blocking.call(() -> {
      try {
        gate.require(presented, Role.CONTRIBUTOR);
      } catch (ProblemException e) {
        if (e.problem().status() != 401) throw e;
      }
      sessions.end(presented.sessionId());
      return null;
    }).onSuccess(v -> {
      ctx.response().putHeader("Set-Cookie", gate.clearedCookie());
      DeskPages.redirect(ctx, DeskPages.SIGN_IN);
    }).onFailure(ctx::fail);
  }

  private void storyList(RoutingContext ctx) {
    var filters = filters(ctx);
    pages.get(ctx, Role.CONTRIBUTOR, caller -> DeskPages.Reply.page(200, listPage(caller, filters)));
  }

  private String listPage(DeskPages.Caller caller, DeskModels.Filters filters) {
    String since = content.lastEventId();
    List<Story> stories = stories(filters);
    List<Story> all = filters.any() ? content.list(null, null, LIST_SIZE, null).items() : stories;
    List<String> sections = all.stream().map(Story::section).distinct().toList();
    return renderer.stories(DeskModels.storyList(caller.who(), caller.csrf(), content.urls().home(), since,
        filters, stories, sections, zone, presence::of));
  }

  /** The list's rows for the filters given: what desk.js swaps in when something changes. */
  private void rows(RoutingContext ctx) {
    var presented = gate.presented(ctx.request());
    var filters = filters(ctx);
    blocking.call(() -> {
      SignedIn who = gate.require(presented, Role.CONTRIBUTOR);
      return renderer.rows(DeskModels.rows(stories(filters), who, zone, presence::of));
    }).onSuccess(html -> DeskPages.page(ctx, 200, html)).onFailure(ctx::fail);
  }

  private List<Story> stories(DeskModels.Filters f) {
    var items = content.list(f.section().isEmpty() ? null : f.section(), f.status().isEmpty() ? null : f.status(),
        LIST_SIZE, null).items();
    if (f.q().isEmpty()) return items;
    String q = f.q().toLowerCase(Locale.ROOT);
    return items.stream().filter(s -> s.headline().toLowerCase(Locale.ROOT).contains(q)).toList();
  }

  /** The filters asked for; one that cannot match anything (an unknown status, say) is dropped. */
  private static DeskModels.Filters filters(RoutingContext ctx) {
    MultiMap q;
    try {
      q = ctx.queryParams();
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.badRequest("the query string is not valid percent-encoded UTF-8"));
    }
    String status = Optional.ofNullable(q.get("status")).flatMap(StoryStatus::parse).map(StoryStatus::wire).orElse("");
    String section = Optional.ofNullable(q.get("section")).filter(Slugs::isSectionName).orElse("");
    String text = Optional.ofNullable(q.get("q")).map(String::strip).orElse("");
    if (text.length() > 300) text = text.substring(0, 300);
    return new DeskModels.Filters(status, section, text);
  }

}
