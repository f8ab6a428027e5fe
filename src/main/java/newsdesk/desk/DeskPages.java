package newsdesk.desk;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import newsdesk.auth.DeskSessions;
import newsdesk.http.Blocking;
import newsdesk.http.FormBody;
import newsdesk.http.SecurityHeaders;
import newsdesk.store.Role;
import newsdesk.store.SignedIn;

/**
 * How a desk page that needs a role is answered: a page asked for without a session goes to the
 * sign-in page; a form posted without one is a 401, and one without the session's CSRF token or
 * from another origin a 403 ({@link DeskGate#require}); a role below the page's is a 403. The work
 * runs off the event loop, since it reads the store.
 */
final class DeskPages {
  static final String SIGN_IN = "/desk/sign-in";

  private final DeskGate gate;
  private final Blocking blocking;

  DeskPages(DeskGate gate, Blocking blocking) {
    this.gate = gate;
    this.blocking = blocking;
  }

  /** Who asks, and the CSRF token their page's forms carry. */
  record Caller(SignedIn who, String csrf) {
    DeskModels.Person person() {
      return DeskModels.Person.of(who);
    }
  }

  /** What a page handler answers: a page, or a redirect (a 303 after a change, so a reload repeats nothing). */
  record Reply(int status, String html, String location) {
    static Reply page(int status, String html) {
      return new Reply(status, html, null);
    }

    static Reply redirect(String location) {
      return new Reply(303, null, location);
    }
  }

  @FunctionalInterface
  interface PageWork {
    Reply answer(Caller caller) throws Exception;
  }

  @FunctionalInterface
  interface FormWork {
    Reply answer(Caller caller, MultiMap form) throws Exception;
  }

  /** A GET page for {@code role} and above. */
  void get(RoutingContext ctx, Role role, PageWork work) {
    var presented = gate.presented(ctx.request());
    blocking.call(() -> {
      var who = gate.current(presented); // a GET changes nothing: no CSRF token to check, one read of the session
      if (who.isEmpty()) return Reply.redirect(SIGN_IN);
      return work.answer(caller(gate.allowing(who.get(), role), presented));
    }).onSuccess(reply -> send(ctx, reply)).onFailure(ctx::fail);
  }

  /** A form post for {@code role} and above, with the session's CSRF token in its {@value DeskGate#CSRF_FIELD} field. */
  void post(RoutingContext ctx, Role role, FormWork work) {
    FormBody.read(ctx, DeskRoutes.FORM_LIMIT, form -> {
      var presented = gate.presented(ctx.request(), form.get(DeskGate.CSRF_FIELD));
      blocking.call(() -> work.answer(caller(gate.require(presented, role), presented), form))
          .onSuccess(reply -> send(ctx, reply)).onFailure(ctx::fail);
    });
  }

  private static Caller caller(SignedIn who, DeskGate.Presented presented) {
    return new Caller(who, DeskSessions.csrfToken(presented.sessionId()));
  }

  static void send(RoutingContext ctx, Reply reply) {
    if (reply.location() != null) redirect(ctx, reply.location());
    else page(ctx, reply.status(), reply.html());
  }

  static void page(RoutingContext ctx, int status, String html) {
    SecurityHeaders.deskPage(ctx.response()).setStatusCode(status).end(html);
  }

  static void redirect(RoutingContext ctx, String to) {
    SecurityHeaders.deskPage(ctx.response()).setStatusCode(303).putHeader("Location", to).end();
  }
}
