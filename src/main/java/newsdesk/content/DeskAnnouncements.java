package newsdesk.content;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import newsdesk.store.NewEvent;
import newsdesk.store.Story;
import newsdesk.store.WriteTx;

/**
 * Tells the desk that a story readers cannot see changed (a draft, one in review, one scheduled):
 * a private {@value #TYPE} event on the desk's own topic ({@link SiteUrls#newsroom()}), never on a
 * public one, so a desk list open on any node updates live and no draft reaches a reader
 * (decision 0165). The event names the story and its status, not its text. Public stories are announced by their public events already.
 *
 * <p>Autosave writes a draft every few seconds; the list shows only its headline, status, section,
 * authors and the minute of its last change, so a change that leaves all of those as last
 * announced is not announced again (remembered per node, for the newest {@link #REMEMBERED}
 * stories): the log gains about one event per draft per minute of typing, not one per save.
 */
final class DeskAnnouncements {
  static final String TYPE = "desk.story";
  static final int REMEMBERED = 10_000;

  private record Shown(String headline, String status, String section, List<String> authors, Instant minute) {
    static Shown of(Story s) {
      Instant t = Objects.requireNonNullElse(s.updatedAt(), s.createdAt());
      return new Shown(s.headline(), s.status().wire(), s.section(), s.authors(), t.truncatedTo(ChronoUnit.MINUTES));
    }
  }

  private final SiteUrls urls;
  private final Map<String, Shown> announced = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Shown> eldest) {
      return size() > REMEMBERED;
    }
  };

  DeskAnnouncements(SiteUrls urls) {
    this.urls = urls;
  }

  /** Appends the private desk event for {@code s} in {@code tx}, if it is not public and its row changed. */
  void announce(WriteTx tx, Story s) {
    if (s.isPublic()) return;
    Shown shown = Shown.of(s);
    synchronized (announced) {
      if (shown.equals(announced.get(s.slug()))) return;
      announced.put(s.slug(), shown);
    }
    // Which story and its state, never its text: the list fetches its rows itself (as Schedules' notices).
    var data = ContentJson.MAPPER.createObjectNode();
    data.put("story", s.slug());
    data.put("status", s.status().wire());
    data.put("updatedAt", Objects.requireNonNullElse(s.updatedAt(), s.createdAt()).toString());
    tx.appendEvent(new NewEvent(null, TYPE, List.of(urls.newsroom()), data.toString(), true, null));
  }
}
