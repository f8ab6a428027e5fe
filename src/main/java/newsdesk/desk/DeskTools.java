package newsdesk.desk;

import io.vertx.ext.web.Router;
import newsdesk.admission.RateLimiter;
import newsdesk.auth.Tokens;
import newsdesk.auth.Users;
import newsdesk.content.ContentService;
import newsdesk.http.Blocking;
import newsdesk.push.PushService;
import newsdesk.webhooks.Webhooks;

/**
 * The desk's pages beyond the stories: the breaking alert (editors), and people, API tokens and
 * webhooks (admins). Each is a small class of its own; this mounts them together.
 */
public final class DeskTools {
  private final AlertPages alerts;
  private final UserPages users;
  private final TokenPages tokens;
  private final WebhookPages webhooks;

  /** @param publishLimit the API's publish rate per caller, which a desk user's alerts count against too */
  public DeskTools(ContentService content, PushService push, Users users, Tokens tokens, Webhooks webhooks,
      DeskGate gate, Blocking blocking, RateLimiter publishLimit) {
    var pages = new DeskPages(gate, blocking);
    this.alerts = new AlertPages(content, push, pages, publishLimit);
    this.users = new UserPages(users, pages);
    this.tokens = new TokenPages(tokens, pages);
    this.webhooks = new WebhookPages(webhooks, pages);
  }

  public void mount(Router r) {
    alerts.mount(r);
    users.mount(r);
    tokens.mount(r);
    webhooks.mount(r);
  }
}
