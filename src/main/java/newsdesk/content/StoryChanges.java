package newsdesk.content;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import newsdesk.store.Entry;
import newsdesk.store.Image;
import newsdesk.store.NewEvent;
import newsdesk.store.Story;
import newsdesk.store.WriteTx;

/**
 * What every content change shares, whoever makes it ({@link ContentService}, {@link LiveEntries},
 * {@link Schedules}): the story it changes, loaded inside the write; the version it was based on,
 * checked; its time, strictly after the story's last change; the uploaded image it names; and its
 * public event on the story's, its section's and the home page's topics.
 */
final class StoryChanges {
  private final SiteUrls urls;
  private final ContentJson json;
  private final Clock clock;
  private final Function<String, Optional<Image>> images;

  StoryChanges(SiteUrls urls, ContentJson json, Clock clock, Function<String, Optional<Image>> images) {
    this.urls = urls;
    this.json = json;
    this.clock = clock;
    this.images = images;
  }

  /** The story {@code slug} as the write sees it; none is a 404. */
  Story load(WriteTx tx, String slug) {
    return tx.story(slug).orElseThrow(() -> ContentException.notFound("no story with slug '" + slug + "'"));
  }

  /** The uploaded image {@code id} names (null for null): an id that names none is the client's mistake. */
  Image image(String field, String id) {
    if (id == null) return null;
    return images.apply(id).orElseThrow(() -> ContentException.invalid(field,
        field + " must be the id of an uploaded image (POST /api/v1/images)"));
  }

  /** Refuses a change based on a {@link ContentService#version} other than {@code s}'s (none given: whatever is newest). */
  static void checkVersion(Story s, String basedOn) {
    String now = ContentService.version(s);
    if (basedOn != null && !basedOn.equals(now)) {
      throw ContentException.stale("the story has changed since version " + basedOn + "; it is now at " + now);
    }
  }

  Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  /**
   * The time of a change to {@code s}: now, but at least a millisecond after its last change, so
   * "Last Updated" strictly increases even for two changes within one clock tick.
   */
  Instant nowAfter(Story s) {
    Instant now = now();
    Instant next = s.updatedAt().plusMillis(1);
    return now.isBefore(next) ? next : now;
  }

  /** Appends {@code s}'s public event of {@code type} in {@code tx}. */
  void emit(WriteTx tx, String type, Story s) {
    tx.appendEvent(NewEvent.of(type, topics(s), json.story(s, false).toString()));
  }

  /** Appends the public event of {@code type} for entry {@code e} of live blog {@code s} in {@code tx}. */
  void emit(WriteTx tx, String type, Story s, Entry e) {
    tx.appendEvent(NewEvent.of(type, topics(s), json.entryEvent(s, e).toString()));
  }

  private List<String> topics(Story s) {
    return List.of(urls.story(s.slug()), urls.section(s.section()), urls.home());
  }
}
