package newsdesk.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import newsdesk.bus.LocalEventBus;
import newsdesk.hub.Fanout;
import newsdesk.hub.Hub;
import newsdesk.hub.HubMetrics;
import newsdesk.store.Event;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.SqliteStores;
import newsdesk.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A draft live blog's entries move its "Last Updated" on the desk's list, so each entry change is
 * announced on the desk's private topic like any other change to a draft (decision 0165), and
 * never on a public one. The clock moves a minute between changes: within one minute the list row
 * would not change, and that is coalesced by design.
 */
class DraftLiveBlogDeskTest {
  private static final SiteUrls URLS = new SiteUrls(URI.create("http://news.test"));

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private SqlStore store;
  private ContentService content;

  @BeforeEach
  void start() {
    store = SqliteStores.open(dir);
    var metrics = new HubMetrics(new SimpleMeterRegistry());
    var hub = new Hub(store, new LocalEventBus(store), new Fanout(metrics), metrics, Runnable::run, 100, 100);
    content = new ContentService(hub, store, URLS, clock);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  @Test
  void addingEditingAndDeletingAnEntryOnADraftLiveBlogIsAnnouncedToTheDeskOnly() {
    content.create(new StoryInput("vote-count", "live", "Vote count", "", "", "politics", List.of(), List.of(), null));

    clock.advance(Duration.ofMinutes(1));
    long before = lastSeq();
    long entry = content.addEntry("vote-count", new EntryInput("Polls have closed.", null, null, null)).id();
    assertAnnouncedOnlyToTheDesk(before, "an entry added");

    clock.advance(Duration.ofMinutes(1));
    before = lastSeq();
    content.editEntry("vote-count", entry, new EntryPatch("Polls closed at ten.", null, null));
    assertAnnouncedOnlyToTheDesk(before, "an entry edited");

    clock.advance(Duration.ofMinutes(1));
    before = lastSeq();
    content.deleteEntry("vote-count", entry);
    assertAnnouncedOnlyToTheDesk(before, "an entry deleted");
  }

  private void assertAnnouncedOnlyToTheDesk(long afterSeq, String change) {
    List<Event> events = store.eventsAfter(afterSeq, 100);
    assertThat(events).as(change).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(DeskAnnouncements.TYPE);
      assertThat(e.topics()).containsExactly(URLS.newsroom());
      assertThat(e.privateUpdate()).isTrue();
      assertThat(e.data()).contains("\"story\":\"vote-count\"").doesNotContain("Polls");
    });
  }

  private long lastSeq() {
    List<Event> all = store.eventsAfter(0, 10_000);
    return all.isEmpty() ? 0 : all.getLast().seq();
  }
}
