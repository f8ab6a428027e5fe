package newsdesk.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import newsdesk.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a durable, leased queue (decision 0102): claims due items, works each on its own virtual
 * thread, and records how each ended. The one loop behind the Web Push outbox, the callback outbox
 * and WebSub's verifications of intent.
 *
 * <p>A claim is committed before the work starts, and the outcome after it. Completions are
 * written in small groups (one commit per few milliseconds of answers, not one per item), so after
 * a crash the items left in flight are those being worked on or answered in the last few
 * milliseconds: at most {@code maxInFlight} plus one group. They are done again — by this node
 * when it starts again under the same name, by any other node once their lease has run out — at
 * least once, never lost; everything else exactly once.
 *
 * @param <D> a claimed item
 * @param <C> how the work on one ended
 */
public final class Outbox<D, C> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final String name;
  private final LeasedQueue<D, C> queue;
  private final String node;
  private final Function<D, C> worker;
  private final Predicate<C> retried;
  private final Settings settings;
  private final Clock clock;
  private final Semaphore inFlight;
  private final ExecutorService workers;
  private final LinkedBlockingQueue<C> completions = new LinkedBlockingQueue<>();
  private final Object wake = new Object();
  private final AtomicBoolean storeAway = new AtomicBoolean();
  private volatile boolean running;
  private boolean woken;
  private Thread claimer;
  private Thread recorder;

  /**
   * @param maxInFlight items worked on at once
   * @param claimBatch items claimed in one transaction at most
   * @param lease how long a claim is this node's alone: well beyond one item's work and its
   *     recording, so a live node's claim is never taken over; a dead node's is, this long after
   * @param idlePoll how often an idle outbox looks for due items when nothing wakes it
   */
  public record Settings(int maxInFlight, int claimBatch, Duration lease, Duration idlePoll) {}

  /**
   * @param name what the items are, in thread names and log lines ("push", "callback")
   * @param node this node's name, the same across its restarts and unique among the nodes on one store
   * @param worker does one item's work and says how it ended; blocks; must not throw. Null: no
   *     outcome (the node is stopping); the claim stays and the item is done again after it
   * @param retried whether a completion puts its item back for later (the loop then looks again soon)
   */
  public Outbox(String name, LeasedQueue<D, C> queue, String node, Function<D, C> worker, Predicate<C> retried,
      Settings settings, Clock clock) {
    this.name = name;
    this.queue = queue;
    this.node = node;
    this.worker = worker;
    this.retried = retried;
    this.settings = settings;
    this.clock = clock;
    this.inFlight = new Semaphore(settings.maxInFlight());
    this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-send-", 0).factory());
  }

  /** Hands back what this node's previous process left in flight, then starts draining. */
  public Outbox<D, C> start() {
    int released = queue.release(node);
    if (released > 0) log.info("{} {} deliveries were in flight when the server stopped; sending them again", released, name);
    running = true;
    claimer = Thread.ofVirtual().name(name + "-outbox").start(this::claimLoop);
    recorder = Thread.ofVirtual().name(name + "-record").start(this::recordLoop);
    return this;
  }

  /** New items were committed: look now rather than at the next poll. */
  public void wake() {
    synchronized (wake) {
      woken = true;
      wake.notifyAll();
    }
  }

  private void claimLoop() {
    int batchMax = settings.claimBatch();
    while (running) {
      try {
        int room = inFlight.availablePermits();
        List<D> batch = room == 0 || !anythingDue() ? List.of()
            : queue.claim(node, clock.instant(), settings.lease(), Math.min(room, batchMax));
        storeAnswered();
        for (D item : batch) {
          inFlight.acquire();
          workers.execute(() -> work(item));
        }
        if (batch.size() < batchMax || room == 0) idle();
      } catch (InterruptedException e) {
        return;
      } catch (StoreUnavailableException e) {
        storeOutOfReach();
        sleepQuietly(Duration.ofSeconds(1));
      } catch (RuntimeException e) {
        log.warn("claiming {} items failed; trying again shortly", name, e);
        sleepQuietly(Duration.ofSeconds(1));
      }
    }
  }

  /**
   * A claim is a write transaction. Polled blindly, an idle server ran five a second, each holding
   * the store's single writer for half a millisecond that a publish could be waiting on; a read
   * takes no writer.
   */
  private boolean anythingDue() {
    return queue.nextDue().filter(due -> !due.isAfter(clock.instant())).isPresent();
  }

  /** Waits for a wake-up, the next due item, or the poll interval, whichever is first. */
  private void idle() throws InterruptedException {
    long waitMs = settings.idlePoll().toMillis();
    if (inFlight.availablePermits() > 0) {
      var due = queue.nextDue();
      if (due.isPresent()) waitMs = Math.min(waitMs, Math.max(0, Duration.between(clock.instant(), due.get()).toMillis()));
    } else {
      waitMs = 5; // full: check again as soon as some work finishes
    }
    synchronized (wake) {
      if (!woken && waitMs > 0) wake.wait(waitMs);
      woken = false;
    }
  }

  private void work(D item) {
    try {
      C done = worker.apply(item);
      if (done == null) inFlight.release();
      else completions.add(done);
    } catch (RuntimeException e) {
      // Unrecorded, its claim runs out and the item is done again: at least once.
      log.error("{} item could not be worked on; it is tried again after its lease", name, e);
      inFlight.release();
    }
  }

  private void recordLoop() {
    var group = new ArrayList<C>();
    while (running || !completions.isEmpty()) {
      try {
        C first = completions.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        group.add(first);
        completions.drainTo(group, 4_096);
        queue.complete(node, group);
        inFlight.release(group.size());
        if (group.stream().anyMatch(retried)) wake();
        group.clear();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (e instanceof StoreUnavailableException) storeOutOfReach();
        else log.warn("recording {} results failed; retrying", name, e);
        completions.addAll(group); // nothing was committed: put them back
        group.clear();
        sleepQuietly(Duration.ofMillis(500));
      }
    }
  }

  /**
   * The store is out of reach: say once that the work pauses (the store itself warns of the
   * outage), not a stack trace per retry. What was claimed stays leased; what was done is recorded
   * once the store answers, or done again after the lease if the outage outlasts it.
   */
  private void storeOutOfReach() {
    if (storeAway.compareAndSet(false, true)) log.info("{} deliveries pause until the store answers again", name);
  }

  private void storeAnswered() {
    if (storeAway.get() && storeAway.compareAndSet(true, false)) log.info("{} deliveries resume", name);
  }

  /** Items being worked on or waiting for their result to be recorded right now. */
  public int inFlight() {
    return settings.maxInFlight() - inFlight.availablePermits();
  }

  /** Stops claiming, lets work under way finish (up to {@code grace}), records the results. */
  public void stop(Duration grace) {
    if (!running) return;
    running = false;
    claimer.interrupt();
    workers.shutdown();
    try {
      claimer.join(grace.toMillis());
      workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
      recorder.join(grace.toMillis() + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
  }

  /** Stops at once, as a crash would: nothing more is recorded. For tests of the restart path. */
  public void halt() {
    running = false;
    claimer.interrupt();
    recorder.interrupt();
    workers.shutdownNow();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
