package newsdesk.content;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import newsdesk.hub.Hub;
import newsdesk.store.Store;
import newsdesk.store.StoreUnavailableException;
import newsdesk.store.ScheduledStory;
import newsdesk.store.Story;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes scheduled stories when they are due (decision 0155). One virtual thread sleeps until
 * the earliest scheduled time the store holds, then publishes every due story through
 * {@link ContentService#publishDue}, the manual publish's own path. It looks again at once when a
 * schedule changes on any node (the private {@code story.scheduled} / {@code story.unscheduled}
 * notices the bus carries), and at least every {@code sweep} whatever happens. Every node runs
 * one; the store's claim lets exactly one of them publish each story. A time that passed while no
 * node ran is due at start-up.
 */
public final class PublishScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PublishScheduler.class);
  static final int BATCH = 50;
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final ContentService content;
  private final Store store;
  private final Hub hub;
  private final Clock clock;
  private final Duration sweep;
  private final ScheduleMetrics metrics;
  private final Object wake = new Object();
  private boolean woken;
  private volatile boolean running;
  private Thread thread;

  /** @param sweep the longest the scheduler waits without looking, whatever it was told */
  public PublishScheduler(ContentService content, Store store, Hub hub, Clock clock, Duration sweep,
      ScheduleMetrics metrics) {
    this.metrics = metrics;
    this.content = content;
    this.store = store;
    this.hub = hub;
    this.clock = clock;
    this.sweep = sweep;
  }

  public PublishScheduler start() {
    hub.listen(e -> {
      if (EventTypes.STORY_SCHEDULED.equals(e.type()) || EventTypes.STORY_UNSCHEDULED.equals(e.type())) wake();
    });
    running = true;
    thread = Thread.ofVirtual().name("publish-scheduler").start(this::run);
    return this;
  }

  /** A schedule changed: look at the store again now rather than at the armed time. */
  public void wake() {
    synchronized (wake) {
      woken = true;
      wake.notifyAll();
    }
  }

  private void run() {
    while (running) {
      try {
        synchronized (wake) {
          woken = false; // a notice from here on is for what the reads below may have missed
        }
        if (publishDue() == BATCH) continue;
        await(untilNext());
      } catch (InterruptedException e) {
        return;
      } catch (StoreUnavailableException e) {
        log.debug("scheduled publishing waits for the store: {}", e.getMessage()); // the store logs the outage
        awaitQuietly(RETRY);
      } catch (RuntimeException e) {
        log.warn("publishing scheduled stories failed; trying again shortly", e);
        awaitQuietly(RETRY);
      }
    }
  }

  /**
   * Publishes what is due now, each on a thread of its own so that the hub commits them together
   * (group commit); returns how many were due.
   */
  private int publishDue() {
    List<ScheduledStory> due = store.dueScheduled(clock.instant(), BATCH);
    if (due.isEmpty()) return 0;
    try (var each = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("publish-due-", 0).factory())) {
      var published = new ArrayList<Future<Optional<Story>>>();
      for (ScheduledStory d : due) published.add(each.submit(() -> content.schedules().publishDue(d.slug())));
      for (int i = 0; i < due.size(); i++) {
        ScheduledStory d = due.get(i);
        outcome(published.get(i)).ifPresent(s -> {
          Duration late = Duration.between(d.at(), s.publishedAt());
          metrics.published(late);
          log.info("published scheduled story '{}' {} ms after its time", s.slug(), late.toMillis());
        });
      }
    }
    return due.size();
  }

  /** One publication's result; its failure is thrown here, as if it had run on this thread. */
  private static Optional<Story> outcome(Future<Optional<Story>> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    }
  }

  /** How long to sleep: until the next scheduled time (rounded up to the millisecond), at most the sweep. */
  private Duration untilNext() {
    Optional<Instant> next = store.nextScheduled();
    if (next.isEmpty()) return sweep;
    Duration d = Duration.between(clock.instant(), next.get());
    return d.compareTo(sweep) > 0 ? sweep : d;
  }

  private void await(Duration d) throws InterruptedException {
    long ms = d.isNegative() || d.isZero() ? 0 : Math.max(1, (d.toNanos() + 999_999) / 1_000_000);
    if (ms == 0) return;
    synchronized (wake) {
      if (!woken && running) wake.wait(ms);
    }
  }

  private void awaitQuietly(Duration d) {
    try {
      await(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    wake();
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
