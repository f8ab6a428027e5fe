package newsdesk.desk;

import io.vertx.ext.web.Router;
import newsdesk.callbacks.CallbackRefused;
import newsdesk.http.Templates;
import newsdesk.store.Role;
import newsdesk.store.WebhookActivity;
import newsdesk.webhooks.Webhooks;

/**
 * Webhooks, for admins, at {@code /desk/webhooks}: the list with how each one's deliveries stand,
 * adding one (the URL checked by the callback address rules, as {@code POST /api/v1/webhooks}
 * does: http(s) only, no private, loopback or link-local address unless the server allows them)
 * with its signing secret shown in the answer to that one request, and deleting one.
 */
final class WebhookPages {
  static final int MAX_URL = 2_000;

  private final Webhooks webhooks;
  private final DeskPages pages;
  private final com.samskivert.mustache.Template template = Templates.compile("desk/webhooks");

  WebhookPages(Webhooks webhooks, DeskPages pages) {
    this.webhooks = webhooks;
    this.pages = pages;
  }

  void mount(Router r) {
    r.get("/desk/webhooks").handler(ctx -> pages.get(ctx, Role.ADMIN, caller -> page(caller, 200, null, null, null, "")));
    r.post("/desk/webhooks").handler(ctx -> pages.post(ctx, Role.ADMIN, (caller, form) -> {
      String url = form.get("url") == null ? "" : form.get("url").strip();
      if (url.isEmpty() || url.length() > MAX_URL) {
        return page(caller, 422, null, null, "The URL must be 1 to " + MAX_URL + " characters.", url);
      }
      try {
        var added = webhooks.register(url);
        return page(caller, 201, added.secret(), added.url(), null, "");
      } catch (CallbackRefused e) {
        return page(caller, 422, null, null, "Refused: " + e.getMessage() + ".", url);
      }
    }));
    r.post("/desk/webhooks/:id/delete").handler(ctx -> pages.post(ctx, Role.ADMIN, (caller, form) -> {
      boolean deleted;
      try {
        deleted = webhooks.delete(Long.parseLong(ctx.pathParam("id")));
      } catch (NumberFormatException e) {
        deleted = false;
      }
      if (!deleted) return page(caller, 404, null, null, "There is no such webhook.", "");
      return DeskPages.Reply.redirect("/desk/webhooks");
    }));
  }

  private DeskPages.Reply page(DeskPages.Caller caller, int status, String secret, String secretUrl, String error,
      String url) {
    var activity = webhooks.activity();
    var rows = webhooks.list().stream()
        .map(w -> AdminModels.WebhookRow.of(w, activity.getOrDefault(w.id(), WebhookActivity.none(w.id())))).toList();
    return DeskPages.Reply.page(status, template.execute(new AdminModels.WebhooksPage("Webhooks", caller.person(),
        caller.csrf(), rows, secret, secretUrl, error, url)));
  }
}
