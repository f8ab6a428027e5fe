package newsdesk.desk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import newsdesk.content.ContentException;
import newsdesk.content.ContentService;
import newsdesk.content.Slugs;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.http.ProblemException;
import newsdesk.http.SecurityHeaders;
import newsdesk.hub.Presence;
import newsdesk.store.Role;

/**
 * Readers and editors, live, for the desk (decision 0164): how many readers have each story open
 * right now, on every node, and who has it open in the editor. {@code GET /desk/presence?slug=…}
 * answers from the registry's last share (no store read); the editor page's heartbeats
 * ({@code POST /desk/stories/{slug}/presence}, every 10 s, CSRF-checked) and its goodbye
 * ({@code DELETE}) mark the signed-in person as editing.
 */
public final class DeskPresence {
  /** The most stories one poll may ask about: the list shows at most {@link DeskRoutes#LIST_SIZE}. */
  static final int MAX_SLUGS = 200;

  private final ContentService content;
  private final Presence presence;
  private final DeskGate gate;
  private final Blocking blocking;

  public DeskPresence(ContentService content, Presence presence, DeskGate gate, Blocking blocking) {
    this.content = content;
    this.presence = presence;
    this.gate = gate;
    this.blocking = blocking;
  }

  public void mount(Router r) {
    r.get("/desk/presence").handler(this::poll);
    r.post("/desk/stories/:slug/presence").handler(ctx -> mark(ctx, true));
    r.delete("/desk/stories/:slug/presence").handler(ctx -> mark(ctx, false));
  }

  /** What a row shows: readers now, and who is editing (empty: nobody). */
  record Live(long readers, List<String> editing) {
    static final Live NONE = new Live(0, List.of());

    String editingText() {
      return switch (editing.size()) {
        case 0 -> "";
        case 1 -> editing.get(0) + " is editing";
        default -> String.join(", ", editing.subList(0, editing.size() - 1)) + " and " + editing.getLast()
            + " are editing";
      };
    }
  }

  Live of(String slug) {
    String topic = content.urls().story(slug);
    return new Live(presence.subscribers(topic), presence.members(topic));
  }

  private void poll(RoutingContext ctx) {
    List<String> slugs;
    try {
      slugs = ctx.queryParam("slug");
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.badRequest("the query string is not valid percent-encoded UTF-8"));
    }
    if (slugs.size() > MAX_SLUGS) {
      throw new ProblemException(Problem.badRequest("slug", "at most " + MAX_SLUGS + " slugs at once"));
    }
    var presented = gate.presented(ctx.request());
    blocking.call(() -> gate.require(presented, Role.CONTRIBUTOR)).onSuccess(who -> {
      var stories = new JsonObject();
      for (String slug : slugs) {
        if (!Slugs.isValid(slug)) continue; // no such story: nobody reads it
        Live live = of(slug);
        stories.put(slug, new JsonObject().put("readers", live.readers()).put("editing", new JsonArray(live.editing()))
            .put("editingText", live.editingText()));
      }
      SecurityHeaders.deskPage(ctx.response()).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store").end(new JsonObject().put("stories", stories).encode());
    }).onFailure(ctx::fail);
  }

  private void mark(RoutingContext ctx, boolean editing) {
    String slug = ctx.pathParam("slug");
    var presented = gate.presented(ctx.request());
    blocking.call(() -> {
      var who = gate.require(presented, Role.CONTRIBUTOR);
      if (!Slugs.isValid(slug)) throw ContentException.notFound("no story with slug '" + slug + "'");
      content.get(slug); // 404 for a story that is not there: no topic of anyone's choosing is held
      String topic = content.urls().story(slug);
      if (editing) presence.join(topic, who.user().displayName());
      else presence.leave(topic, who.user().displayName());
      return null;
    }).onSuccess(v -> SecurityHeaders.deskPage(ctx.response()).setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
