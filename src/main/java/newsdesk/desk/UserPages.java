package newsdesk.desk;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Optional;
import newsdesk.auth.Users;
import newsdesk.http.Templates;
import newsdesk.store.Role;
import newsdesk.store.User;

/**
 * People, for admins, at {@code /desk/users}: the list, adding a person with a role and the
 * password they will first sign in with (the rules of {@code ./newsdesk user create}), and
 * disabling one (as {@code user disable}: their sessions end on every node). An admin cannot
 * disable themselves, so the desk always keeps the admin who is using it. Passwords go straight to
 * {@link Users#create}, which hashes and wipes them; they are never shown or logged.
 */
final class UserPages {
  private final Users users;
  private final DeskPages pages;
  private final com.samskivert.mustache.Template template = Templates.compile("desk/users");

  UserPages(Users users, DeskPages pages) {
    this.users = users;
    this.pages = pages;
  }

  void mount(Router r) {
    r.get("/desk/users").handler(ctx -> pages.get(ctx, Role.ADMIN, caller -> {
      String notice = notice(ctx.queryParams().get("added"), "Added ")
          .or(() -> notice(ctx.queryParams().get("disabled"), "Disabled ")).orElse(null);
      return page(caller, 200, notice, null, "", "", Role.CONTRIBUTOR);
    }));
    r.post("/desk/users").handler(ctx -> pages.post(ctx, Role.ADMIN, this::add));
    r.post("/desk/users/:id/disable").handler(ctx -> pages.post(ctx, Role.ADMIN, (caller, form) -> {
      Optional<User> user = byId(ctx.pathParam("id"));
      if (user.isEmpty()) return page(caller, 404, null, "There is no such person.", "", "", Role.CONTRIBUTOR);
      if (user.get().id() == caller.who().user().id()) {
        return page(caller, 409, null, "You cannot disable yourself; ask another admin.", "", "", Role.CONTRIBUTOR);
      }
      users.disable(user.get().email());
      return DeskPages.Reply.redirect("/desk/users?disabled=" + user.get().id());
    }));
  }

  private DeskPages.Reply add(DeskPages.Caller caller, MultiMap form) {
    String email = value(form, "email");
    String name = value(form, "name");
    Role role = Role.parse(value(form, "role")).orElse(null);
    if (role == null) return page(caller, 422, null, "Choose a role: contributor, editor or admin.", email, name, Role.CONTRIBUTOR);
    String password = form.get("password");
    try {
      User added = users.create(email, name, role, password == null ? new char[0] : password.toCharArray());
      return DeskPages.Reply.redirect("/desk/users?added=" + added.id());
    } catch (Users.InvalidUserException e) {
      return page(caller, 422, null, capital(e.getMessage()) + ".", email, name, role);
    }
  }

  private DeskPages.Reply page(DeskPages.Caller caller, int status, String notice, String error, String email, String name,
      Role role) {
    long me = caller.who().user().id();
    List<AdminModels.UserRow> rows = users.list().stream().map(u -> AdminModels.UserRow.of(u, me)).toList();
    return DeskPages.Reply.page(status, template.execute(new AdminModels.UsersPage("People", caller.person(),
        caller.csrf(), rows, notice, error, email, name, AdminModels.roles(role))));
  }

  /** "Added ann@example.org as editor." for the user {@code id} names, if it names one. */
  private Optional<String> notice(String id, String verb) {
    return id == null ? Optional.empty()
        : byId(id).map(u -> verb + u.email() + (verb.startsWith("Added") ? " as " + u.role().wire() : "") + ".");
  }

  private Optional<User> byId(String id) {
    try {
      long n = Long.parseLong(id);
      return users.list().stream().filter(u -> u.id() == n).findFirst();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String value(MultiMap form, String field) {
    String v = form.get(field);
    return v == null ? "" : v.strip();
  }

  static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
