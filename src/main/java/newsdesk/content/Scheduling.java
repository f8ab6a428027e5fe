package newsdesk.content;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import newsdesk.store.NewEvent;
import newsdesk.store.Story;

/** The rules of a publication time, and the notice a schedule change sends every node. */
final class Scheduling {
  /** How far ahead a story may be scheduled: a year and a day, past any embargo a newsroom keeps. */
  static final Duration MAX_AHEAD = Duration.ofDays(366);

  private Scheduling() {}

  /** {@code at} to the store's millisecond, if it is neither before {@code now} nor too far ahead. */
  static Instant checkTime(Instant at, Instant now) {
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
  static NewEvent notice(String type, Story s, SiteUrls urls) {
    var data = ContentJson.MAPPER.createObjectNode();
    data.put("story", s.slug());
    if (s.scheduledAt() == null) data.putNull("scheduledAt");
    else data.put("scheduledAt", s.scheduledAt().toString());
    return new NewEvent(null, type, List.of(urls.newsroom()), data.toString(), true, null);
  }
}
