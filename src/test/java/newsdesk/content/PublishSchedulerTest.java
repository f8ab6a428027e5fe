package newsdesk.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import newsdesk.bus.LocalEventBus;
import newsdesk.hub.Fanout;
import newsdesk.hub.Hub;
import newsdesk.hub.HubMetrics;
import newsdesk.store.StoryStatus;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.SqliteStores;
import newsdesk.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on a clock the test moves, years from the real one: it publishes what its clock
 * says is due, at that clock's time, and nothing that is not due yet.
 */
class PublishSchedulerTest {
  private static final Instant T = Instant.parse("2030-03-31T00:30:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock(T);
  private SqlStore store;
  private Hub hub;
  private ContentService content;
  private PublishScheduler scheduler;

  @BeforeEach
  void start() {
    store = SqliteStores.open(dir);
    var metrics = new HubMetrics(new SimpleMeterRegistry());
    hub = new Hub(store, new LocalEventBus(store), new Fanout(metrics), metrics, Runnable::run, 100, 100);
    content = new ContentService(hub, store, new SiteUrls(URI.create("http://news.test")), clock);
    scheduler = new PublishScheduler(content, store, hub, clock, Duration.ofMillis(50),
        new ScheduleMetrics(new SimpleMeterRegistry())).start();
  }

  @AfterEach
  void stop() {
    scheduler.close();
    store.close();
  }

  private String draft(String slug) {
    return content.create(new StoryInput(slug, null, "Headline " + slug, "", "Body", "city", List.of(), List.of(), null))
        .slug();
  }

  private StoryStatus status(String slug) {
    return content.get(slug).status();
  }

  @Test
  void whatIsDueByTheSchedulersClockIsPublishedAtThatTimeAndTheRestWaits() {
    content.schedules().schedule(draft("first"), T.plusSeconds(3600), null, Actor.SYSTEM);
    content.schedules().schedule(draft("second"), T.plusSeconds(7200), null, Actor.SYSTEM);

    clock.set(T.plusSeconds(3600));
    scheduler.wake();
    Await.until(() -> status("first") == StoryStatus.PUBLISHED, WAIT, "the first story to publish");
    assertThat(content.get("first").publishedAt()).as("the scheduler's clock, not the wall's").isEqualTo(T.plusSeconds(3600));
    assertThat(status("second")).as("an hour early, by the same clock").isEqualTo(StoryStatus.SCHEDULED);

    clock.set(T.plusSeconds(7200 + 1));
    scheduler.wake();
    Await.until(() -> status("second") == StoryStatus.PUBLISHED, WAIT, "the second story to publish");
    assertThat(content.get("second").publishedAt()).isEqualTo(T.plusSeconds(7201));
    assertThat(store.nextScheduled()).isEmpty();
  }

  @Test
  void aTimeAlreadyPassedWhenTheSchedulerStartsIsPublishedAtOnce() {
    scheduler.close();
    content.schedules().schedule(draft("overdue"), T.plusSeconds(60), null, Actor.SYSTEM);
    clock.set(T.plusSeconds(86_400));
    // A sweep of an hour and no notice after it starts: only its first look can find the story.
    scheduler = new PublishScheduler(content, store, hub, clock, Duration.ofHours(1),
        new ScheduleMetrics(new SimpleMeterRegistry())).start();
    Await.until(() -> status("overdue") == StoryStatus.PUBLISHED, WAIT, "the overdue story to publish at start");
  }

  /** A clock the test sets. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void set(Instant t) {
      now = t;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
