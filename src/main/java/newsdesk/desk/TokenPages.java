package newsdesk.desk;

import io.vertx.ext.web.Router;
import newsdesk.auth.Tokens;
import newsdesk.http.Templates;
import newsdesk.store.Role;

/**
 * API tokens, for admins, at {@code /desk/tokens}: the list (never a secret: only hashes are
 * kept), creating one with a role and a name (its secret shown in the answer to that one request,
 * as {@code ./newsdesk token create} prints it once), and revoking one.
 */
final class TokenPages {
  static final int MAX_NAME = 100;

  private final Tokens tokens;
  private final DeskPages pages;
  private final com.samskivert.mustache.Template template = Templates.compile("desk/tokens");

  TokenPages(Tokens tokens, DeskPages pages) {
    this.tokens = tokens;
    this.pages = pages;
  }

  void mount(Router r) {
    r.get("/desk/tokens").handler(ctx -> pages.get(ctx, Role.ADMIN, caller -> page(caller, 200, null, null, "", Role.EDITOR)));
    r.post("/desk/tokens").handler(ctx -> pages.post(ctx, Role.ADMIN, (caller, form) -> {
      String name = form.get("name") == null ? "" : form.get("name").strip();
      Role role = Role.parse(form.get("role")).orElse(null);
      if (role == null) return page(caller, 422, null, "Choose a role: contributor, editor or admin.", name, Role.EDITOR);
      if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
        return page(caller, 422, null, "The name must be at most " + MAX_NAME + " characters.", name, role);
      }
      var issued = tokens.create(role, name.isEmpty() ? role.wire() : name);
      return page(caller, 201, issued, null, "", Role.EDITOR);
    }));
    r.post("/desk/tokens/:id/revoke").handler(ctx -> pages.post(ctx, Role.ADMIN, (caller, form) -> {
      long id;
      try {
        id = Long.parseLong(ctx.pathParam("id"));
      } catch (NumberFormatException e) {
        return page(caller, 404, null, "There is no such token.", "", Role.EDITOR);
      }
      if (!tokens.revoke(id)) return page(caller, 404, null, "There is no active token " + id + ".", "", Role.EDITOR);
      return DeskPages.Reply.redirect("/desk/tokens");
    }));
  }

  private DeskPages.Reply page(DeskPages.Caller caller, int status, Tokens.Issued issued, String error, String name,
      Role role) {
    var rows = tokens.list().stream().map(AdminModels.TokenRow::of).toList();
    return DeskPages.Reply.page(status, template.execute(new AdminModels.TokensPage("API tokens", caller.person(),
        caller.csrf(), rows, issued == null ? null : issued.secret(), issued == null ? null : issued.token().name(),
        error, name, AdminModels.roles(role))));
  }
}
