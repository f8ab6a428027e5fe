package newsdesk.content;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.Callable;
import newsdesk.hub.Hub;
import newsdesk.store.Correction;
import newsdesk.store.Entry;
import newsdesk.store.Image;
import newsdesk.store.Store;
import newsdesk.store.Role;
import newsdesk.store.Story;
import newsdesk.store.StoryKind;
import newsdesk.store.StoryLink;
import newsdesk.store.StoryQuery;
import newsdesk.store.StoryStatus;
import newsdesk.store.VersionStore;
import newsdesk.store.WriteTx;

/**
 * The newsroom's rules for stories and live blogs. Every change a reader can see bumps the story's
 * "Last Updated" and appends exactly one event in the same transaction; drafts emit nothing. All
 * methods block on the store: call them from virtual threads. What every change shares (its time,
 * the version check, its event) is {@link StoryChanges}'; live entries are {@link LiveEntries}',
 * schedules {@link Schedules}'.
 */
public final class ContentService {
  public static final int MAX_PAGE = 100;

  private final ContentWrites hub; // the hub, announcing drafts to the desk (DeskAnnouncements)
  private final Store store;
  private final SiteUrls urls;
  private final ContentJson json;
  private final StoryChanges changes;
  private final Notifier notifier;
  private final Schedules schedules;
  private final StoryHistory history;
  private final LiveEntries live;

  public <S extends Store & VersionStore> ContentService(Hub hub, S store, SiteUrls urls, Clock clock) {
    this(hub, store, urls, clock, Notifier.NONE);
  }

  public <S extends Store & VersionStore> ContentService(Hub hub, S store, SiteUrls urls, Clock clock, Notifier notifier) {
    this(hub, store, urls, clock, notifier, id -> Optional.empty());
  }

  /** @param images finds an uploaded image by its id, for a story's lead image and an entry's image */
  public <S extends Store & VersionStore> ContentService(Hub hub, S store, SiteUrls urls, Clock clock, Notifier notifier,
      Function<String, Optional<Image>> images) {
    this.history = new StoryHistory(store);
    this.notifier = notifier;
    this.store = store;
    this.urls = urls;
    this.json = new ContentJson(urls);
    this.changes = new StoryChanges(urls, json, clock, images);
    this.hub = new ContentWrites(hub, new DeskAnnouncements(urls));
    this.live = new LiveEntries(changes, this.hub, notifier);
    this.schedules = new Schedules(this, changes, hub, urls);
  }

  /** Scheduling stories to publish at a given time. */
  public Schedules schedules() {
    return schedules;
  }

  public ContentJson json() {
    return json;
  }

  public SiteUrls urls() {
    return urls;
  }

  /** Every saved version of each story. */
  public StoryHistory history() {
    return history;
  }

  /**
   * Runs {@code work} with the events of its changes held back until {@link #releaseEvents()}: the
   * API acknowledges a change before its fan-out competes with the acknowledgement for the CPU.
   * Blocks.
   */
  public <T> T holdingEvents(Callable<T> work) throws Exception {
    return hub.holdingEvents(work);
  }

  /** Sends every committed, held event on to readers; never blocks. */
  public void releaseEvents() {
    hub.releaseEvents();
  }

  // ---- reads

  /** Where a page rendered now should resume its live stream; read it before the content. */
  public String lastEventId() {
    return hub.lastEventId();
  }

  public Optional<Story> find(String slug) {
    return store.story(slug);
  }

  public Story get(String slug) {
    return find(slug).orElseThrow(() -> ContentException.notFound("no story with slug '" + slug + "'"));
  }

  public List<Entry> entries(Story story) {
    return store.entries(story.id());
  }

  public List<Story> latest(String section, int limit) {
    return store.stories(StoryQuery.published(section, limit));
  }

  /**
   * What readers may see in {@code section} (or everywhere when null): published and retracted
   * stories, newest publication first, after the story {@code beforeId} when given.
   */
  public List<Story> readable(String section, int limit, Long beforeId) {
    return store.stories(StoryQuery.readable(section, limit, beforeId));
  }

  /** As {@link #readable} everywhere, links only (no text): for sitemaps, by the thousand. */
  public List<StoryLink> readableLinks(int limit, Long beforeId) {
    return store.storyLinks(StoryQuery.readable(null, limit, beforeId));
  }

  public StoryPage list(String section, String status, Integer limit, String cursor) {
    if (section != null) Validation.section(section);
    int n = limit == null ? 20 : limit;
    if (n < 1 || n > MAX_PAGE) throw ContentException.invalid("limit", "limit must be between 1 and " + MAX_PAGE);
    StoryStatus st = null;
    if (status != null) {
      st = StoryStatus.parse(status)
          .orElseThrow(() -> ContentException.invalid("status", "status must be one of " + StoryStatus.wireNames()));
    }
    Long before = cursor == null ? null : Cursors.decode(cursor);
    var items = store.stories(new StoryQuery(section, st, n + 1, before, false));
    String next = null;
    if (items.size() > n) {
      items = items.subList(0, n);
      next = Cursors.encode(items.get(n - 1).id());
    }
    return new StoryPage(List.copyOf(items), next);
  }

  // ---- stories

  public Story create(StoryInput in) {
    return hub.publish(creating(in, Actor.SYSTEM));
  }

  /** {@link #create} by {@code by}, at most once per {@code once} key (none: every time); answers with {@code answer}. */
  public Answer create(StoryInput in, Once once, Function<Story, Answer> answer, Actor by) {
    return hub.publish(once.around(creating(in, by), answer, changes.now()));
  }

  /** Checks {@code in}; the change that creates the story, to run in a write. */
  private Function<WriteTx, Story> creating(StoryInput in, Actor by) {
    StoryKind kind = in.kind() == null ? StoryKind.ARTICLE : StoryKind.parse(in.kind())
        .orElseThrow(() -> ContentException.invalid("kind", "kind must be article or live"));
    StoryStatus status = in.status() == null ? StoryStatus.DRAFT : StoryStatus.parse(in.status())
        .filter(s -> s == StoryStatus.DRAFT || s == StoryStatus.PUBLISHED)
        .orElseThrow(() -> ContentException.invalid("status", "status must be draft or published"));
    String headline = Validation.text("headline", in.headline(), 1, 300);
    String summary = Validation.text("summary", in.summary(), 0, 2_000);
    String body = Validation.text("body", in.body(), 0, 500_000);
    String section = Validation.section(in.section());
    var tags = Validation.list("tags", in.tags(), 30, 60);
    var authors = Validation.list("authors", in.authors(), 20, 120);
    Image leadImage = changes.image("leadImage", in.leadImage());
    if (in.slug() != null && !Slugs.isValid(in.slug())) {
      throw ContentException.invalid("slug", "slug must be lower-case words joined by hyphens, at most " + Slugs.MAX_LENGTH + " characters");
    }
    return tx -> {
      String slug = in.slug() != null ? in.slug() : freeSlug(tx, Slugs.fromHeadline(headline));
      if (in.slug() != null && tx.slugExists(slug)) throw ContentException.conflict("slug '" + slug + "' is taken");
      Instant now = changes.now();
      Story s = tx.insertStory(new Story(0, slug, kind, headline, summary, body, Markup.toSafeHtml(body),
          section, tags, authors, status, null, now, status == StoryStatus.PUBLISHED ? now : null, now, List.of(), null,
          leadImage));
      StoryHistory.record(tx, null, s, by, "created");
      if (s.isPublic()) {
        changes.emit(tx, EventTypes.STORY_PUBLISHED, s);
        notifier.storyPublished(tx, s);
      }
      hub.announce(tx, s); // also when a keyed create returns its answer, not the story
      return s;
    };
  }

  public Story update(String slug, StoryPatch p) {
    return update(slug, p, null, Actor.SYSTEM);
  }

  /**
   * Changes a story's fields. {@code basedOn} is the {@link #version} the change was made from, or
   * null for "whatever is newest"; a change based on an older one is refused as stale, so two
   * editors never silently overwrite each other. Below the editor role only stories readers do not
   * see yet (drafts and stories in review) may change.
   */
  public Story update(String slug, StoryPatch p, String basedOn, Actor by) {
    return change(slug, p, basedOn, by, "edited");
  }

  /**
   * Restores a saved version: a new version whose headline, summary, body, section and tags are
   * that one's (its status stays), under the same rules as any change.
   */
  public Story restore(String slug, long version, String basedOn, Actor by) {
    var v = history.get(get(slug), version);
    return change(slug, new StoryPatch(v.headline(), v.summary(), v.body(), v.section(), v.tags(), null), basedOn, by,
        "restored");
  }

  private Story change(String slug, StoryPatch p, String basedOn, Actor by, String action) {
    if (p.isEmpty()) throw ContentException.invalid("body", "nothing to change: give at least one field");
    String headline = p.headline() == null ? null : Validation.text("headline", p.headline(), 1, 300);
    String summary = p.summary() == null ? null : Validation.text("summary", p.summary(), 0, 2_000);
    String body = p.body() == null ? null : Validation.text("body", p.body(), 0, 500_000);
    String section = p.section() == null ? null : Validation.section(p.section());
    var tags = p.tags() == null ? null : Validation.list("tags", p.tags(), 30, 60);
    var authors = p.authors() == null ? null : Validation.list("authors", p.authors(), 20, 120);
    Image leadImage = p.leadImage() == null || p.leadImage().isEmpty() ? null : changes.image("leadImage", p.leadImage());
    return hub.publish(tx -> {
      Story s = changes.load(tx, slug);
      StoryChanges.checkVersion(s, basedOn);
      if (!mayChange(s, by)) {
        throw ContentException.forbidden("only an editor may change a story that is " + s.status().wire());
      }
      Story u = new Story(s.id(), s.slug(), s.kind(),
          headline != null ? headline : s.headline(),
          summary != null ? summary : s.summary(),
          body != null ? body : s.body(),
          body != null ? Markup.toSafeHtml(body) : s.bodyHtml(),
          section != null ? section : s.section(),
          tags != null ? tags : s.tags(),
          authors != null ? authors : s.authors(),
          s.status(), s.retraction(), s.createdAt(), s.publishedAt(), changes.nowAfter(s), s.corrections(), s.scheduledAt(),
          p.leadImage() == null ? s.leadImage() : leadImage);
      tx.updateStory(u);
      StoryHistory.record(tx, s, u, by, action);
      if (u.isPublic()) changes.emit(tx, EventTypes.STORY_UPDATED, u);
      return u;
    });
  }

  /** Publishes a draft, a story in review, or a scheduled story ahead of its time (its schedule is cancelled). */
  public Story publish(String slug) {
    return publish(slug, null, Actor.SYSTEM);
  }

  /** Publishes the story, if {@code basedOn} (when given) is still its {@link #version}. */
  public Story publish(String slug, String basedOn, Actor by) {
    return hub.publish(tx -> {
      Story s = changes.load(tx, slug);
      StoryChanges.checkVersion(s, basedOn);
      return publishing(tx, s, by);
    });
  }

  /** The one way a story goes public, by hand or on schedule (a schedule is cancelled). */
  Story publishing(WriteTx tx, Story s) {
    return publishing(tx, s, Actor.SYSTEM);
  }

  private Story publishing(WriteTx tx, Story s, Actor by) {
    if (s.status() == StoryStatus.PUBLISHED) return s;
    if (s.status() == StoryStatus.RETRACTED) throw ContentException.conflict("a retracted story cannot be published again");
    Instant now = changes.nowAfter(s);
    Story u = s.withStatus(StoryStatus.PUBLISHED, null, now, now, null);
    tx.updateStory(u);
    StoryHistory.record(tx, s, u, by, "published");
    changes.emit(tx, EventTypes.STORY_PUBLISHED, u);
    notifier.storyPublished(tx, u);
    return u;
  }

  /**
   * Draft → in review: the writer asks an editor to publish it. A story already in review is
   * returned as it is; one readers can see cannot go back to review.
   */
  public Story submitForReview(String slug, String basedOn, Actor by) {
    return hub.publish(tx -> {
      Story s = changes.load(tx, slug);
      StoryChanges.checkVersion(s, basedOn);
      if (s.status() == StoryStatus.IN_REVIEW) return s;
      if (s.status() != StoryStatus.DRAFT) {
        throw ContentException.conflict("only a draft can be submitted for review; this story is " + s.status().wire());
      }
      Story u = s.withStatus(StoryStatus.IN_REVIEW, null, null, changes.nowAfter(s), null);
      tx.updateStory(u);
      StoryHistory.record(tx, s, u, by, "submitted");
      return u;
    });
  }

  public Story retract(String slug, String reason) {
    return retract(slug, reason, Actor.SYSTEM);
  }

  public Story retract(String slug, String reason, Actor by) {
    String why = Validation.text("reason", reason, 0, 2_000);
    return hub.publish(tx -> {
      Story s = changes.load(tx, slug);
      if (s.status() != StoryStatus.PUBLISHED) throw ContentException.conflict("only a published story can be retracted");
      Story u = s.withStatus(StoryStatus.RETRACTED, why.isEmpty() ? "This story has been retracted." : why,
          s.publishedAt(), changes.nowAfter(s), null);
      tx.updateStory(u);
      StoryHistory.record(tx, s, u, by, "retracted");
      changes.emit(tx, EventTypes.STORY_RETRACTED, u);
      return u;
    });
  }

  public Story correct(String slug, String text) {
    return hub.publish(correcting(slug, text, Actor.SYSTEM));
  }

  /** {@link #correct} by {@code by}, at most once per {@code once} key (none: every time); answers with {@code answer}. */
  public Answer correct(String slug, String text, Once once, Function<Story, Answer> answer, Actor by) {
    return hub.publish(once.around(correcting(slug, text, by), answer, changes.now()));
  }

  private Function<WriteTx, Story> correcting(String slug, String text, Actor by) {
    String t = Validation.text("text", text, 1, 2_000);
    return tx -> {
      Story s = changes.load(tx, slug);
      Instant now = changes.nowAfter(s);
      Correction c = tx.insertCorrection(s.id(), new Correction(0, t, now));
      var corrections = new java.util.ArrayList<>(s.corrections());
      corrections.add(c);
      Story u = s.withCorrections(corrections).touched(now);
      tx.updateStory(u);
      StoryHistory.record(tx, s, u, by, "corrected");
      if (u.isPublic()) changes.emit(tx, EventTypes.STORY_CORRECTED, u);
      return u;
    };
  }

  // ---- live blog entries: LiveEntries

  public Entry addEntry(String slug, EntryInput in) {
    return live.add(slug, in);
  }

  /** {@link #addEntry}, at most once per {@code once} key (none: every time); answers with {@code answer}. */
  public Answer addEntry(String slug, EntryInput in, Once once, Function<Entry, Answer> answer) {
    return live.add(slug, in, once, answer);
  }

  public Entry editEntry(String slug, long entryId, EntryPatch p) {
    return live.edit(slug, entryId, p);
  }

  public Entry deleteEntry(String slug, long entryId) {
    return live.delete(slug, entryId);
  }

  // ---- helpers

  /** Editors change any story; below them, only one readers do not see yet. */
  private static boolean mayChange(Story s, Actor by) {
    return by.role().allows(Role.EDITOR) || s.status() == StoryStatus.DRAFT || s.status() == StoryStatus.IN_REVIEW;
  }

  private static String freeSlug(WriteTx tx, String base) {
    String slug = base;
    for (int n = 2; tx.slugExists(slug); n++) slug = Slugs.numbered(base, n);
    return slug;
  }

  /**
   * A story's version: its "Last Updated" in epoch milliseconds, which every change moves strictly
   * forward ({@link StoryChanges#nowAfter}) inside the serialised write that makes it, so two
   * versions never share it. What an ETag carries and a change names as the one it was based on.
   */
  public static String version(Story s) {
    return Long.toString(s.updatedAt().toEpochMilli());
  }
}
