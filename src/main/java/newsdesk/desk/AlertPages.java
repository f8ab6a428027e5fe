package newsdesk.desk;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import newsdesk.admission.RateLimiter;
import newsdesk.admission.RateLimits;
import newsdesk.auth.Secrets;
import newsdesk.content.ContentService;
import newsdesk.content.Once;
import newsdesk.http.Problem;
import newsdesk.http.ProblemException;
import newsdesk.http.ProblemType;
import newsdesk.http.Templates;
import newsdesk.push.PushService;
import newsdesk.store.Role;
import newsdesk.store.Story;
import newsdesk.store.StoryStatus;

/**
 * The breaking alert for a published story, in three steps at {@code /desk/stories/{slug}/alert}:
 * the form (headline, text, whether the story's section's followers get it too, and how many
 * subscriptions each choice reaches, counted in the push store), then a confirmation that names
 * the count, then the alert queued through {@link PushService#breaking} and how many deliveries it
 * got. The confirmation carries a one-time key, so sending it twice (a double click, a resent
 * form) queues one alert. Editors and admins only.
 */
final class AlertPages {
  static final int MAX_HEADLINE = 300;
  static final int MAX_TEXT = 1_000;

  private final ContentService content;
  private final PushService push;
  private final DeskPages pages;
  private final RateLimiter publishLimit;
  private final com.samskivert.mustache.Template template = Templates.compile("desk/alert");

  AlertPages(ContentService content, PushService push, DeskPages pages, RateLimiter publishLimit) {
    this.content = content;
    this.push = push;
    this.pages = pages;
    this.publishLimit = publishLimit;
  }

  void mount(Router r) {
    r.get("/desk/stories/:slug/alert").handler(ctx -> pages.get(ctx, Role.EDITOR, caller -> {
      Story story = story(ctx.pathParam("slug"));
      if (story.status() != StoryStatus.PUBLISHED) return notPublished(caller, story);
      return form(caller, story, new Draft(story.headline(), story.summary(), false), null, 200);
    }));
    r.post("/desk/stories/:slug/alert").handler(ctx -> pages.post(ctx, Role.EDITOR, (caller, form) -> {
      Story story = story(ctx.pathParam("slug"));
      if (story.status() != StoryStatus.PUBLISHED) return notPublished(caller, story);
      Draft draft = Draft.of(form);
      String wrong = draft.problem();
      if (wrong != null || "edit".equals(form.get("step"))) return form(caller, story, draft, wrong, wrong == null ? 200 : 422);
      if (!"send".equals(form.get("step"))) return confirm(caller, story, draft);
      String key = form.get("key");
      if (key == null || key.isBlank() || key.length() > 100) return confirm(caller, story, draft);
      // The same bucket as the person's API writes (web.Auth keys a desk session so).
      var allowed = publishLimit.acquire("desk-user:" + caller.who().user().id());
      if (!allowed.allowed()) throw new ProblemException(RateLimits.refusal(publishLimit, allowed));
      var once = new Once("desk-alert:" + caller.who().user().id(), key, draft.fingerprint(story.slug()));
      var queued = push.breaking(story, draft.headline(), draft.text(), draft.section(story), once);
      return page(200, new AlertPage(caller, story, draft, null, null, new Sent(queued.deliveries()), null));
    }));
  }

  private Story story(String slug) {
    return content.find(slug).orElseThrow(() ->
        new ProblemException(Problem.of(ProblemType.NOT_FOUND, "no story with the slug '" + slug + "'")));
  }

  private DeskPages.Reply form(DeskPages.Caller caller, Story story, Draft draft, String error, int status) {
    long breaking = push.breakingReach(null);
    long withSection = push.breakingReach(story.section());
    return page(status, new AlertPage(caller, story, draft, new Form(breaking, withSection, error), null, null, null));
  }

  private DeskPages.Reply confirm(DeskPages.Caller caller, Story story, Draft draft) {
    long reach = push.breakingReach(draft.section(story));
    return page(200, new AlertPage(caller, story, draft, null, new Confirm(reach, Secrets.random256()), null, null));
  }

  private DeskPages.Reply notPublished(DeskPages.Caller caller, Story story) {
    return page(409, new AlertPage(caller, story, Draft.EMPTY, null, null, null,
        "Only a published story can be sent as an alert; this one is " + DeskModels.label(story.status()).toLowerCase() + "."));
  }

  private DeskPages.Reply page(int status, AlertPage model) {
    return DeskPages.Reply.page(status, template.execute(model));
  }

  /** What the editor typed. */
  record Draft(String headline, String text, boolean toSection) {
    static final Draft EMPTY = new Draft("", "", false);

    static Draft of(MultiMap form) {
      return new Draft(strip(form.get("headline")), strip(form.get("text")), "on".equals(form.get("section")));
    }

    String problem() {
      if (headline.isEmpty()) return "The alert needs a headline.";
      if (headline.length() > MAX_HEADLINE) return "The headline must be at most " + MAX_HEADLINE + " characters.";
      if (text.length() > MAX_TEXT) return "The text must be at most " + MAX_TEXT + " characters.";
      if ((headline + text).indexOf('\0') >= 0) return "The alert may not contain NUL characters.";
      return null;
    }

    String section(Story story) {
      return toSection ? story.section() : null;
    }

    /** Tells the confirmed alert from another one sent with the same key. */
    String fingerprint(String slug) {
      return Secrets.sha256Hex(String.join("\n", slug, headline, text, Boolean.toString(toSection)));
    }

    private static String strip(String s) {
      return s == null ? "" : s.strip();
    }
  }

  record Form(long breakingReach, long sectionReach, String error) {}

  record Confirm(long reach, String key) {}

  record Sent(long deliveries) {}

  record AlertPage(String title, DeskModels.Person person, String csrf, String slug, String storyHeadline,
      String section, String storyUrl, Draft draft, Form form, Confirm confirm, Sent sent, String refused) {
    AlertPage(DeskPages.Caller c, Story s, Draft draft, Form form, Confirm confirm, Sent sent, String refused) {
      this("Breaking alert", c.person(), c.csrf(), s.slug(), s.headline(), s.section(), "/desk/stories/" + s.slug(),
          draft, form, confirm, sent, refused);
    }
  }
}
