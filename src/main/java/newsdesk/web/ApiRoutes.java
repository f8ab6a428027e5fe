package newsdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import newsdesk.admission.RateLimiter;
import newsdesk.admission.RateLimits;
import newsdesk.auth.Tokens;
import newsdesk.callbacks.CallbackRefused;
import newsdesk.content.Answer;
import newsdesk.content.ContentJson;
import newsdesk.content.ContentService;
import newsdesk.content.Once;
import newsdesk.content.Slugs;
import newsdesk.desk.DeskGate;
import newsdesk.http.AckBeforeFanout;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.push.PushService;
import newsdesk.store.ApiToken;
import newsdesk.store.Role;
import newsdesk.store.Story;
import newsdesk.store.Webhook;
import newsdesk.webhooks.Webhooks;

/**
 * The newsroom's JSON API under {@code /api/v1}. Every handler checks the token first, then reads
 * the body, then lets the content rules decide; failures go to {@link Errors}.
 */
final class ApiRoutes {
  private final ContentService content;
  private final Tokens tokens;
  private final Auth auth;
  private final AckBeforeFanout ack;
  private final ContentJson json;

  private final PushService push;
  private final RateLimiter publishLimit;

  private final DeskGate deskGate;
  private final Webhooks webhooks;
  private final VersionAnswers versions;

  /** @param publishLimit content and alert writes per token (or per desk user) */
  ApiRoutes(ContentService content, Tokens tokens, DeskGate deskGate, PushService push, Webhooks webhooks,
      Blocking blocking, RateLimiter publishLimit) {
    this.deskGate = deskGate;
    this.webhooks = webhooks;
    this.publishLimit = publishLimit;
    this.push = push;
    this.content = content;
    this.tokens = tokens;
    this.auth = new Auth(tokens, deskGate);
    this.ack = new AckBeforeFanout(blocking, content::holdingEvents, content::releaseEvents);
    this.json = content.json();
    this.versions = new VersionAnswers(content);
  }

  void mount(Router r) {
    String p = "/api/v1";
    r.post(p + "/stories").handler(ctx -> create(ctx, Role.CONTRIBUTOR, true, (once, caller) -> {
      var in = ApiJson.storyInput(ApiJson.object(body(ctx), false));
      if (in.status() != null && !"draft".equals(in.status()) && !caller.role().allows(Role.EDITOR)) {
        throw ApiException.forbidden("only an editor may publish; a contributor's story starts as a draft");
      }
      return content.create(in, once, s -> new Answer(201, p + "/stories/" + s.slug(), json.story(s, true).toString()),
          caller.actor());
    }));
    r.get(p + "/stories").handler(ctx -> run(ctx, Role.CONTRIBUTOR, 200, () -> {
      var q = query(ctx);
      Integer limit = null;
      if (q.get("limit") != null) {
        try {
          limit = Integer.parseInt(q.get("limit"));
        } catch (NumberFormatException e) {
          throw new ApiException(Problem.invalid("limit", "limit must be a whole number"));
        }
      }
      var page = content.list(blankToNull(q.get("section")), blankToNull(q.get("status")), limit,
          blankToNull(q.get("cursor")));
      ObjectNode out = ContentJson.MAPPER.createObjectNode();
      var items = out.putArray("items");
      page.items().forEach(s -> items.add(json.story(s, true)));
      if (page.nextCursor() == null) out.putNull("nextCursor");
      else out.put("nextCursor", page.nextCursor());
      return out;
    }));
    r.get(p + "/stories/:slug").handler(ctx -> run(ctx, Role.CONTRIBUTOR, 200, () -> {
      Story s = content.get(slug(ctx));
      ObjectNode n = VersionTags.versioned(ctx, json, s);
      if (s.isLive()) {
        var entries = n.putArray("entries");
        content.entries(s).forEach(e -> entries.add(json.entry(e, true)));
      }
      return n;
    }));
    r.patch(p + "/stories/:slug").handler(ctx -> writeAs(ctx, Role.CONTRIBUTOR, 200, caller -> {
      String basedOn = VersionTags.ifMatch(ctx);
      return VersionTags.versioned(ctx, json, content.update(slug(ctx),
          ApiJson.storyPatch(ApiJson.object(body(ctx), false)), basedOn, caller.actor()));
    }));
    r.post(p + "/stories/:slug/submit").handler(ctx -> writeAs(ctx, Role.CONTRIBUTOR, 200, caller ->
        VersionTags.versioned(ctx, json, content.submitForReview(slug(ctx), VersionTags.ifMatch(ctx), caller.actor()))));
    r.post(p + "/stories/:slug/publish").handler(ctx -> writeAs(ctx, Role.EDITOR, 200, caller ->
        VersionTags.versioned(ctx, json, content.publish(slug(ctx), VersionTags.ifMatch(ctx), caller.actor()))));
    r.post(p + "/stories/:slug/schedule").handler(ctx -> writeAs(ctx, Role.EDITOR, 200, caller -> {
      ObjectNode in = ApiJson.object(body(ctx), false);
      ApiJson.only(in, Set.of("at"));
      return VersionTags.versioned(ctx, json, content.schedules().schedule(slug(ctx), ApiJson.time(in, "at"),
          VersionTags.ifMatch(ctx), caller.actor()));
    }));
    r.delete(p + "/stories/:slug/schedule").handler(ctx -> writeAs(ctx, Role.EDITOR, 200, caller ->
        VersionTags.versioned(ctx, json, content.schedules().unschedule(slug(ctx), VersionTags.ifMatch(ctx),
            caller.actor()))));
    r.post(p + "/stories/:slug/retract").handler(ctx -> writeAs(ctx, Role.EDITOR, 200, caller -> {
      ObjectNode in = ApiJson.object(body(ctx), true);
      ApiJson.only(in, Set.of("reason"));
      return VersionTags.versioned(ctx, json, content.retract(slug(ctx), ApiJson.text(in, "reason"), caller.actor()));
    }));
    r.post(p + "/stories/:slug/corrections").handler(ctx -> create(ctx, Role.EDITOR, true, (once, caller) -> {
      ObjectNode in = ApiJson.object(body(ctx), false);
      ApiJson.only(in, Set.of("text"));
      return content.correct(slug(ctx), ApiJson.text(in, "text"), once,
          s -> new Answer(201, null, json.story(s, true).toString()), caller.actor());
    }));
    r.get(p + "/stories/:slug/versions").handler(ctx -> run(ctx, Role.CONTRIBUTOR, 200, () -> versions.list(ctx)));
    r.get(p + "/stories/:slug/versions/:version").handler(ctx -> run(ctx, Role.CONTRIBUTOR, 200, () ->
        versions.one(ctx)));
    r.post(p + "/stories/:slug/versions/:version/restore").handler(ctx -> writeAs(ctx, Role.CONTRIBUTOR, 200, caller ->
        versions.restore(ctx, caller.actor())));
    // Contributors run live blogs' entries too (decision 0158); the blog itself stays an editor's.
    r.post(p + "/stories/:slug/entries").handler(ctx -> create(ctx, Role.CONTRIBUTOR, false, (once, caller) ->
        content.addEntry(slug(ctx), ApiJson.entryInput(ApiJson.object(body(ctx), false)), once,
            e -> new Answer(201, null, json.entry(e, true).toString()))));
    r.patch(p + "/stories/:slug/entries/:id").handler(ctx -> writeAs(ctx, Role.CONTRIBUTOR, 200, caller ->
        json.entry(content.editEntry(slug(ctx), entryId(ctx), ApiJson.entryPatch(ApiJson.object(body(ctx), false))), true)));
    r.delete(p + "/stories/:slug/entries/:id").handler(ctx -> writeAs(ctx, Role.CONTRIBUTOR, 204, caller -> {
      content.deleteEntry(slug(ctx), entryId(ctx));
      return null;
    }));

    r.post(p + "/alerts").handler(ctx -> write(ctx, 202, () -> alert(ApiJson.object(body(ctx), false))));

    r.post(p + "/tokens").handler(ctx -> run(ctx, Role.ADMIN, 201, () -> {
      ObjectNode in = ApiJson.object(body(ctx), false);
      ApiJson.only(in, Set.of("role", "name"));
      Role role = Role.parse(ApiJson.text(in, "role") == null ? "" : ApiJson.text(in, "role"))
          .orElseThrow(() -> new ApiException(Problem.invalid("role", "role must be contributor, editor or admin")));
      String name = ApiJson.text(in, "name");
      if (name != null && name.length() > 100) throw new ApiException(Problem.invalid("name", "name must be at most 100 characters"));
      var issued = tokens.create(role, name == null || name.isBlank() ? role.wire() : name.strip());
      ObjectNode n = tokenJson(issued.token());
      n.put("token", issued.secret());
      return n;
    }));
    r.get(p + "/tokens").handler(ctx -> run(ctx, Role.ADMIN, 200, () -> {
      ObjectNode out = ContentJson.MAPPER.createObjectNode();
      var items = out.putArray("items");
      tokens.list().forEach(t -> items.add(tokenJson(t)));
      return out;
    }));
    r.delete(p + "/tokens/:id").handler(ctx -> run(ctx, Role.ADMIN, 204, () -> {
      long id = longParam(ctx, "id");
      if (!tokens.revoke(id)) throw ApiException.notFound("no active token " + id);
      return null;
    }));

    r.post(p + "/webhooks").handler(ctx -> run(ctx, Role.ADMIN, 201, () -> {
      ObjectNode in = ApiJson.object(body(ctx), false);
      ApiJson.only(in, Set.of("url"));
      try {
        Webhook w = webhooks.register(ApiJson.text(in, "url"));
        return webhookJson(w).put("secret", w.secret()); // shown once, here
      } catch (CallbackRefused e) {
        throw new ApiException(Problem.invalid("url", e.getMessage()));
      }
    }));
    r.get(p + "/webhooks").handler(ctx -> run(ctx, Role.ADMIN, 200, () -> {
      ObjectNode out = ContentJson.MAPPER.createObjectNode();
      var items = out.putArray("items");
      webhooks.list().forEach(w -> items.add(webhookJson(w)));
      return out;
    }));
    r.delete(p + "/webhooks/:id").handler(ctx -> run(ctx, Role.ADMIN, 204, () -> {
      long id = longParam(ctx, "id");
      if (!webhooks.delete(id)) throw ApiException.notFound("no webhook " + id);
      return null;
    }));

    // A known address asked with a method it does not take: 405 with Allow, not the API's 404.
    methodNotAllowed(r, p + "/stories", "GET, POST");
    methodNotAllowed(r, p + "/stories/:slug", "GET, PATCH");
    methodNotAllowed(r, p + "/stories/:slug/publish", "POST");
    methodNotAllowed(r, p + "/stories/:slug/submit", "POST");
    methodNotAllowed(r, p + "/stories/:slug/schedule", "POST, DELETE");
    methodNotAllowed(r, p + "/stories/:slug/retract", "POST");
    methodNotAllowed(r, p + "/stories/:slug/corrections", "POST");
    methodNotAllowed(r, p + "/stories/:slug/versions", "GET");
    methodNotAllowed(r, p + "/stories/:slug/versions/:version", "GET");
    methodNotAllowed(r, p + "/stories/:slug/versions/:version/restore", "POST");
    methodNotAllowed(r, p + "/stories/:slug/entries", "POST");
    methodNotAllowed(r, p + "/stories/:slug/entries/:id", "PATCH, DELETE");
    methodNotAllowed(r, p + "/alerts", "POST");
    methodNotAllowed(r, p + "/webhooks", "GET, POST");
    methodNotAllowed(r, p + "/webhooks/:id", "DELETE");
    methodNotAllowed(r, p + "/tokens", "GET, POST");
    methodNotAllowed(r, p + "/tokens/:id", "DELETE");
  }

  /** A breaking alert: queued for every subscriber of breaking news (and of its section, if given). */
  private JsonNode alert(ObjectNode in) {
    ApiJson.only(in, Set.of("headline", "text", "story", "section"));
    String headline = stringField(in, "headline", true, 1, 300);
    String text = stringField(in, "text", false, 0, 10_000);
    String slug = stringField(in, "story", true, 1, 200);
    String section = stringField(in, "section", false, 0, Slugs.SECTION_MAX_LENGTH);
    if (section != null && !Slugs.isSectionName(section)) {
      throw new ApiException(Problem.invalid("section", "section must be lower-case letters, digits and hyphens"));
    }
    Story story = content.find(slug).filter(Story::isPublic).orElseThrow(() ->
        new ApiException(Problem.invalid("story", "no published story with slug '" + slug + "'")));
    var queued = push.breaking(story, headline, text == null ? "" : text, section == null || section.isEmpty() ? null : section);
    ObjectNode out = ContentJson.MAPPER.createObjectNode();
    out.put("id", queued.alertId());
    out.put("deliveries", queued.deliveries());
    out.put("story", story.slug());
    out.put("url", content.urls().story(story.slug()));
    return out;
  }

  private static String stringField(ObjectNode in, String field, boolean required, int min, int max) {
    JsonNode n = in.get(field);
    if (n == null || n.isNull()) {
      if (required) throw new ApiException(Problem.invalid(field, field + " is required"));
      return null;
    }
    if (!n.isTextual()) throw new ApiException(Problem.invalid(field, field + " must be a string"));
    String v = n.asText().strip();
    if (v.length() < min) throw new ApiException(Problem.invalid(field, field + " must not be empty"));
    if (v.length() > max) throw new ApiException(Problem.invalid(field, field + " must be at most " + max + " characters"));
    if (v.indexOf('\0') >= 0) throw new ApiException(Problem.invalid(field, field + " must not contain NUL"));
    return v;
  }

  private static void methodNotAllowed(Router r, String path, String allow) {
    r.route(path).handler(ctx -> {
      ctx.response().putHeader("Allow", allow);
      ctx.fail(new ApiException(Errors.forStatus(405)));
    });
  }

  /** Authenticates (a token, else a desk session), runs {@code work} on a virtual thread, and answers with its JSON. */
  private void run(RoutingContext ctx, Role role, int status, Callable<JsonNode> work) {
    answer(ctx, role, false, status, caller -> work.call());
  }

  /** A content or alert write: an editor's, counted against the token's publish rate. */
  private void write(RoutingContext ctx, int status, Callable<JsonNode> work) {
    answer(ctx, Role.EDITOR, true, status, caller -> work.call());
  }

  /** As {@link #write}, open to {@code role} and handing the work the caller (whose role may narrow what it does). */
  private void writeAs(RoutingContext ctx, Role role, int status, CallerWork work) {
    answer(ctx, role, true, status, work);
  }

  /** Work that depends on who calls, beyond the least role the route needs. */
  @FunctionalInterface
  private interface CallerWork {
    JsonNode call(Auth.Caller caller) throws Exception;
  }

  private void answer(RoutingContext ctx, Role role, boolean publishes, int status, CallerWork work) {
    String authorization = ctx.request().getHeader("Authorization");
    var session = deskGate.presented(ctx.request());
    ack.answer(ctx, () -> {
      Auth.Caller caller = auth.require(authorization, session, role);
      if (publishes) limitPublishes(caller);
      return work.call(caller);
    }, result -> {
      var res = ctx.response().setStatusCode(status);
      return result == null ? res.end() : res.putHeader("Content-Type", "application/json").end(result.toString());
    });
  }

  /**
   * A create, as {@link #write}, made at most once per {@code Idempotency-Key} the caller sends: a
   * retry with the same key and body gets the first answer again.
   */
  private void create(RoutingContext ctx, Function<Once, Answer> work) {
    create(ctx, Role.EDITOR, false, (once, caller) -> work.apply(once));
  }

  /**
   * {@link #create} open to {@code role}, handing the work the caller; {@code story}: the answer is
   * one story, whose version goes out as its ETag.
   */
  private void create(RoutingContext ctx, Role role, boolean story, BiFunction<Once, Auth.Caller, Answer> work) {
    String authorization = ctx.request().getHeader("Authorization");
    var session = deskGate.presented(ctx.request());
    String key = ctx.request().getHeader(IdempotencyKeys.HEADER);
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    ack.answer(ctx, () -> {
      Auth.Caller caller = auth.require(authorization, session, role);
      limitPublishes(caller);
      return work.apply(IdempotencyKeys.once(caller.key(), key, method, path, body(ctx)), caller);
    }, answer -> {
      var res = ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json");
      if (answer.location() != null) res.putHeader("Location", answer.location());
      if (story) VersionTags.tagFromBody(res, answer.body());
      return res.end(answer.body());
    });
  }

  private void limitPublishes(Auth.Caller caller) {
    RateLimiter.Decision d = publishLimit.acquire(caller.key());
    if (!d.allowed()) throw new ApiException(RateLimits.refusal(publishLimit, d));
  }

  /** The raw body, decoded by {@link ApiJson} so that bytes that are not UTF-8 are refused. */
  private static byte[] body(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes();
  }

  private static io.vertx.core.MultiMap query(RoutingContext ctx) {
    try {
      return ctx.queryParams();
    } catch (IllegalArgumentException e) {
      throw new ApiException(Problem.badRequest("the query string is not valid percent-encoded UTF-8"));
    }
  }

  private static String slug(RoutingContext ctx) {
    return ctx.pathParam("slug");
  }

  private static long entryId(RoutingContext ctx) {
    return longParam(ctx, "id");
  }

  private static long longParam(RoutingContext ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no such " + name + " '" + ctx.pathParam(name) + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static ObjectNode webhookJson(Webhook w) {
    ObjectNode n = ContentJson.MAPPER.createObjectNode();
    n.put("id", w.id());
    n.put("url", w.url());
    n.put("createdAt", w.createdAt().toString());
    return n;
  }

  private static ObjectNode tokenJson(ApiToken t) {
    ObjectNode n = ContentJson.MAPPER.createObjectNode();
    n.put("id", t.id());
    n.put("name", t.name());
    n.put("role", t.role().wire());
    n.put("createdAt", t.createdAt().toString());
    if (t.revokedAt() != null) n.put("revokedAt", t.revokedAt().toString());
    return n;
  }
}
