package newsdesk.content;

import java.time.Instant;
import java.util.function.Function;
import newsdesk.store.Entry;
import newsdesk.store.Image;
import newsdesk.store.Story;
import newsdesk.store.WriteTx;

/**
 * A live blog's entries: add, edit (body, key event, pin: one pinned entry per blog), delete. Each
 * change bumps the blog's "Last Updated" and, in the same write, appends its event on a public
 * blog or announces the draft to the desk ({@link #touch}); {@link ContentService} hands its callers here.
 */
final class LiveEntries {
  private final StoryChanges changes;
  private final ContentWrites hub;
  private final Notifier notifier;

  LiveEntries(StoryChanges changes, ContentWrites hub, Notifier notifier) {
    this.changes = changes;
    this.hub = hub;
    this.notifier = notifier;
  }

  Entry add(String slug, EntryInput in) {
    return hub.publish(adding(slug, in));
  }

  /** {@link #add}, at most once per {@code once} key (none: every time); answers with {@code answer}. */
  Answer add(String slug, EntryInput in, Once once, Function<Entry, Answer> answer) {
    return hub.publish(once.around(adding(slug, in), answer, changes.now()));
  }

  private Function<WriteTx, Entry> adding(String slug, EntryInput in) {
    String body = Validation.text("body", in.body(), 1, 100_000);
    String author = Validation.text("author", in.author(), 0, 120);
    Image image = changes.image("image", in.image());
    return tx -> {
      Story s = liveStory(tx, slug);
      Instant now = changes.nowAfter(s);
      boolean pinned = Boolean.TRUE.equals(in.pinned());
      if (pinned) unpinOthers(tx, s.id(), -1);
      Entry e = tx.insertEntry(new Entry(0, s.id(), body, Markup.toSafeHtml(body),
          author.isEmpty() ? String.join(", ", s.authors()) : author, now, null,
          Boolean.TRUE.equals(in.keyEvent()), pinned, false, image));
      Story u = touch(tx, s, now);
      if (u.isPublic()) {
        changes.emit(tx, EventTypes.ENTRY_ADDED, u, e);
        if (e.keyEvent()) notifier.keyEvent(tx, u, e);
      }
      return e;
    };
  }

  Entry edit(String slug, long entryId, EntryPatch p) {
    if (p.isEmpty()) throw ContentException.invalid("body", "nothing to change: give body, keyEvent, pinned or image");
    String body = p.body() == null ? null : Validation.text("body", p.body(), 1, 100_000);
    Image image = p.image() == null || p.image().isEmpty() ? null : changes.image("image", p.image());
    return hub.publish(tx -> {
      Story s = liveStory(tx, slug);
      Entry e = liveEntry(tx, s, entryId);
      Instant now = changes.nowAfter(s);
      boolean pinned = p.pinned() != null ? p.pinned() : e.pinned();
      if (pinned && !e.pinned()) unpinOthers(tx, s.id(), e.id());
      Entry u = new Entry(e.id(), e.storyId(),
          body != null ? body : e.body(),
          body != null ? Markup.toSafeHtml(body) : e.bodyHtml(),
          e.author(), e.createdAt(), body != null ? now : e.editedAt(),
          p.keyEvent() != null ? p.keyEvent() : e.keyEvent(), pinned, false, p.image() == null ? e.image() : image);
      tx.updateEntry(u);
      Story su = touch(tx, s, now);
      if (su.isPublic()) {
        changes.emit(tx, EventTypes.ENTRY_EDITED, su, u);
        if (u.keyEvent() && !e.keyEvent()) notifier.keyEvent(tx, su, u);
      }
      return u;
    });
  }

  Entry delete(String slug, long entryId) {
    return hub.publish(tx -> {
      Story s = liveStory(tx, slug);
      Entry e = liveEntry(tx, s, entryId);
      Entry u = e.asDeleted();
      tx.updateEntry(u);
      Story su = touch(tx, s, changes.nowAfter(s));
      if (su.isPublic()) changes.emit(tx, EventTypes.ENTRY_DELETED, su, u);
      return u;
    });
  }

  private Story liveStory(WriteTx tx, String slug) {
    Story s = changes.load(tx, slug);
    if (!s.isLive()) throw ContentException.conflict("'" + slug + "' is an article, not a live blog");
    return s;
  }

  private static Entry liveEntry(WriteTx tx, Story s, long entryId) {
    return tx.entry(s.id(), entryId)
        .filter(e -> !e.deleted())
        .orElseThrow(() -> ContentException.notFound("no entry " + entryId + " in '" + s.slug() + "'"));
  }

  /** One pinned entry at a time; readers' pages drop the old pin when a new one arrives. */
  private static void unpinOthers(WriteTx tx, long storyId, long keep) {
    for (Entry e : tx.entries(storyId)) {
      if (e.pinned() && e.id() != keep) {
        tx.updateEntry(e.withPinned(false));
      }
    }
  }

  /** Moves the blog's "Last Updated"; a draft's list row on the desk changes with it, so it is announced. */
  private Story touch(WriteTx tx, Story s, Instant now) {
    Story u = s.touched(now);
    tx.updateStory(u);
    hub.announce(tx, u);
    return u;
  }
}
