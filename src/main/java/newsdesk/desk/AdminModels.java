package newsdesk.desk;

import java.util.Arrays;
import java.util.List;
import newsdesk.store.ApiToken;
import newsdesk.store.Role;
import newsdesk.store.User;
import newsdesk.store.Webhook;
import newsdesk.store.WebhookActivity;

/** What the admin pages' templates see: people, API tokens and webhooks as plain values. */
final class AdminModels {
  private AdminModels() {}

  static List<DeskModels.Option> roles(Role selected) {
    return Arrays.stream(Role.values()).map(r -> new DeskModels.Option(r.wire(), r.wire(), r == selected)).toList();
  }

  record UserRow(long id, String email, String name, String role, String added, boolean active, boolean self) {
    static UserRow of(User u, long me) {
      return new UserRow(u.id(), u.email(), u.displayName(), u.role().wire(), DeskModels.when(u.createdAt()), u.active(),
          u.id() == me);
    }
  }

  /** The people page; {@code notice} says what the last change did, {@code error} why it was refused. */
  record UsersPage(String title, DeskModels.Person person, String csrf, List<UserRow> users, String notice, String error,
      String email, String name, List<DeskModels.Option> roles) {}

  record TokenRow(long id, String name, String role, String created, String revoked, boolean active) {
    static TokenRow of(ApiToken t) {
      return new TokenRow(t.id(), t.name(), t.role().wire(), DeskModels.when(t.createdAt()), DeskModels.when(t.revokedAt()),
          t.active());
    }
  }

  /** The tokens page; {@code secret} is a token just created, shown this once. */
  record TokensPage(String title, DeskModels.Person person, String csrf, List<TokenRow> tokens, String secret,
      String secretName, String error, String name, List<DeskModels.Option> roles) {}

  /** @param failing the last attempt got no 2xx */
  record WebhookRow(long id, String url, String added, long delivered, long waiting, long givenUp, String lastAttempt,
      boolean failing) {
    static WebhookRow of(Webhook w, WebhookActivity a) {
      boolean tried = a.lastAttemptAt() != null;
      boolean ok = a.lastStatus() >= 200 && a.lastStatus() < 300;
      String last = !tried ? "none yet"
          : DeskModels.when(a.lastAttemptAt()) + (a.lastStatus() == 0 ? ", no answer" : ", HTTP " + a.lastStatus());
      return new WebhookRow(w.id(), w.url(), DeskModels.when(w.createdAt()), a.sent(), a.pending(), a.failed(), last,
          tried && !ok);
    }
  }

  /** The webhooks page; {@code secret} is the signing secret of a webhook just added, shown this once. */
  record WebhooksPage(String title, DeskModels.Person person, String csrf, List<WebhookRow> webhooks, String secret,
      String secretUrl, String error, String url) {}
}
