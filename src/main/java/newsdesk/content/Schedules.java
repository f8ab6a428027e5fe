package newsdesk.content;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import newsdesk.hub.Hub;
import newsdesk.store.NewEvent;
import newsdesk.store.Story;
import newsdesk.store.StoryStatus;

/**
 * Stories scheduled to publish at a given time (decision 0155): setting and clearing a schedule,
 * and publishing a due story through {@link ContentService}'s own publish step, once across nodes
 * ({@link newsdesk.store.WriteTx#claimScheduled}). {@link PublishScheduler} calls {@link #publishDue}.
 */
public final class Schedules {
  /** How far ahead a story may be scheduled: a year and a day, past any embargo a newsroom keeps. */
  static final Duration MAX_AHEAD = Duration.ofDays(366);

  private final ContentService content;
  private final StoryChanges changes;
  private final Hub hub;
  private final SiteUrls urls;

  Schedules(ContentService content, StoryChanges changes, Hub hub, SiteUrls urls) {
    this.content = content;
    this.changes = changes;
    this.hub = hub;
    this.urls = urls;
  }

  /**
   * Publishes {@code slug} if it is scheduled and due now, exactly as {@link ContentService#publish} does; empty
   * when it is not (published by hand, unscheduled, or claimed by another node first).
   */
  public Optional<Story> publishDue(String slug) {
    return hub.publish(tx -> {
      Optional<Story> s = tx.story(slug);
      if (s.isEmpty() || !tx.claimScheduled(s.get().id(), changes.now())) return Optional.<Story>empty();
      return Optional.of(content.publishing(tx, s.get()));
    });
  }

  /**
   * Schedules a draft (or a story in review) to publish at {@code at}, or moves a scheduled story's
   * time; at most {@link #MAX_AHEAD} ahead and not in the past. {@code basedOn}: as for
   * {@link ContentService#publish}.
   */
  public Story schedule(String slug, Instant at, String basedOn, Actor by) {
    Instant due = checkTime(at, changes.now());
    return hub.publish(tx -> {
      Story s = changes.load(tx, slug);
      StoryChanges.checkVersion(s, basedOn);
      if (s.status() == StoryStatus.PUBLISHED || s.status() == StoryStatus.RETRACTED) {
        throw ContentException.conflict("only a story readers do not see yet can be scheduled; '" + slug + "' is "
            + s.status().wire());
      }
      Story u = s.withStatus(StoryStatus.SCHEDULED, null, null, changes.nowAfter(s), due);
      tx.updateStory(u);
      StoryHistory.record(tx, s, u, by, "scheduled");
      tx.appendEvent(notice(EventTypes.STORY_SCHEDULED, u, urls));
      return u;
    });
  }

  /** Takes a scheduled story off the schedule, back to a draft; a draft is returned as it is. */
  public Story unschedule(String slug, String basedOn, Actor by) {
    return hub.publish(tx -> {
      Story s = changes.load(tx, slug);
      StoryChanges.checkVersion(s, basedOn);
      if (s.status() == StoryStatus.DRAFT) return s;
      if (s.status() != StoryStatus.SCHEDULED) throw ContentException.conflict("'" + slug + "' is not scheduled");
      Story u = s.withStatus(StoryStatus.DRAFT, null, null, changes.nowAfter(s), null);
      tx.updateStory(u);
      StoryHistory.record(tx, s, u, by, "unscheduled");
      tx.appendEvent(notice(EventTypes.STORY_UNSCHEDULED, u, urls));
      return u;
    });
  }


  /** {@code at} to the store's millisecond, if it is neither before {@code now} nor too far ahead. */
  private static Instant checkTime(Instant at, Instant now) {
    if (at == null) throw ContentException.invalid("at", "at is required: the time to publish, in RFC 3339");
    Instant due = at.truncatedTo(ChronoUnit.MILLIS);
    if (due.isBefore(now)) throw ContentException.invalid("at", "at is in the past (it is " + now + " now)");
    if (due.isAfter(now.plus(MAX_AHEAD))) {
      throw ContentException.invalid("at", "at must be within " + MAX_AHEAD.toDays() + " days from now");
    }
    return due;
  }

  /**
   * A private event on the newsroom's topic: the bus carries it to every node (this one at once),
   * whose scheduler then re-arms its timer. Its data names the story and its time, nothing a
   * reader could use before publication.
   */
  private static NewEvent notice(String type, Story s, SiteUrls urls) {
    var data = ContentJson.MAPPER.createObjectNode();
    data.put("story", s.slug());
    if (s.scheduledAt() == null) data.putNull("scheduledAt");
    else data.put("scheduledAt", s.scheduledAt().toString());
    return new NewEvent(null, type, List.of(urls.newsroom()), data.toString(), true, null);
  }
}
