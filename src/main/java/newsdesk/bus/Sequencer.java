package newsdesk.bus;

import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import newsdesk.store.Event;
import newsdesk.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts what a bus brings into the log's order before a node's listeners see it: each event once,
 * in seq order, with no hole. The store assigns seqs in commit order without holes, so the next
 * event to deliver is always {@code delivered + 1}: one at or below that mark is a duplicate and is
 * dropped; one above it is held while the hole before it is filled, first by waiting
 * {@link Pace#holeWait()} for the bus, then from {@link Store#eventsAfter} (the log is the truth:
 * the bus may reorder, repeat or lose events, the log does not). Polling the store's
 * {@link Store#lastSeq()} finds a hole at the tail that no later event reveals (its node died
 * between commit and publish); a bus that was disconnected is caught up from the log.
 *
 * <p>The next event in order is handed to the listener on the caller's thread at once, so a node's
 * own events reach its readers without a round trip. Store reads run on one virtual thread of the
 * sequencer's own, never on the caller's: callers may be event loops.
 */
public final class Sequencer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sequencer.class);
  static final int PAGE = 512;

  private final Store store;
  private final Pace pace;
  private final BusMetrics metrics;
  private final Consumer<Event> deliver;
  private final ReentrantLock lock = new ReentrantLock();
  private final TreeMap<Long, Event> held = new TreeMap<>(); // under lock: events above a hole
  private volatile long delivered; // written under lock
  private long knownTail; // under lock: the highest seq known to be committed
  private boolean checkPending; // under lock: a wait for a hole is scheduled
  private volatile boolean busUp = true;
  private volatile boolean closed;
  private ScheduledExecutorService timer; // created on first need
  private ScheduledFuture<?> nextPoll; // touched on the timer's thread only
  private boolean storeFailing; // timer's thread only: log a failing store once, not on every try

  /**
   * Starts after the store's newest event: a node delivers what is committed after it started;
   * older history is served by resumes from the log. Blocks: reads the store once.
   */
  public Sequencer(Store store, Pace pace, BusMetrics metrics, Consumer<Event> deliver) {
    this.store = store;
    this.pace = pace;
    this.metrics = metrics;
    this.deliver = deliver;
    this.delivered = store.lastSeq();
    this.knownTail = delivered;
    if (pace.polls()) timer().execute(() -> schedulePoll(pace.poll()));
  }

  /** The seq of the last event handed to the listener. */
  public long delivered() {
    return delivered;
  }

  /** An event from this node or from the bus, in any order, possibly again. Never blocks on I/O. */
  public void offer(Event e) {
    long seq = e.seq();
    lock.lock();
    try {
      if (seq <= delivered) return;
      if (seq == delivered + 1) {
        hand(e);
        if (!held.isEmpty()) drainHeld();
        return;
      }
      held.putIfAbsent(seq, e);
      if (seq > knownTail) knownTail = seq;
    } finally {
      lock.unlock();
    }
    armHoleWait();
  }

  /** The bus lost its connection: events may be missing until it is back, so poll the log promptly. */
  public void busDown() {
    if (!busUp || closed) return;
    busUp = false;
    if (pace.polls()) timer().execute(() -> {
      if (nextPoll != null) nextPoll.cancel(false);
      poll();
    });
  }

  /**
   * The bus is connected again and reads from a position taken just before this call: what was
   * published before that position was committed before it, so one read of the log now covers it.
   */
  public void busUp() {
    if (closed) return;
    busUp = true;
    timer().execute(() -> {
      fillFromLog();
      armHoleWait();
    });
  }

  private void hand(Event e) {
    delivered = e.seq();
    try {
      deliver.accept(e);
    } catch (RuntimeException ex) {
      log.error("a bus listener failed on event {}", e.seq(), ex);
    }
  }

  /** Delivers held events that now follow on; drops those delivered meanwhile. Under lock. */
  private void drainHeld() {
    for (var first = held.firstEntry(); first != null; first = held.firstEntry()) {
      long seq = first.getKey();
      if (seq > delivered + 1) return;
      held.pollFirstEntry();
      if (seq == delivered + 1) hand(first.getValue());
    }
  }

  /** If a hole is open and no wait for it is pending, gives the bus {@code holeWait} to fill it. */
  private void armHoleWait() {
    long target;
    lock.lock();
    try {
      if (checkPending || closed || delivered >= knownTail) return;
      checkPending = true;
      target = knownTail;
    } finally {
      lock.unlock();
    }
    timer().schedule(() -> checkHole(target), pace.holeWait().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The wait is over: if the bus has not brought everything up to {@code target}, read the log. */
  private void checkHole(long target) {
    if (closed) return;
    lock.lock();
    try {
      checkPending = false;
    } finally {
      lock.unlock();
    }
    if (delivered < target) fillFromLog();
    armHoleWait(); // a later hole may have opened meanwhile: it gets its own full wait
  }

  /** Delivers every event the log holds after the last delivered one. On the timer's thread. */
  private void fillFromLog() {
    try {
      while (!closed) {
        List<Event> page = store.eventsAfter(delivered, PAGE);
        for (Event e : page) fromLog(e);
        storeAnswered();
        if (page.size() < PAGE) return;
      }
    } catch (RuntimeException ex) {
      storeFailed("reading the event log", ex);
    }
  }

  private void fromLog(Event e) {
    lock.lock();
    try {
      long seq = e.seq();
      if (seq <= delivered) return;
      if (seq > delivered + 1) {
        // The log has no holes but pruning: those events are gone for every node alike.
        log.warn("events {} to {} were pruned from the log before this node delivered them", delivered + 1, seq - 1);
      }
      metrics.filledFromLog();
      if (seq > knownTail) knownTail = seq;
      hand(e);
      if (!held.isEmpty()) drainHeld();
    } finally {
      lock.unlock();
    }
  }

  private void schedulePoll(Duration in) {
    if (!closed) nextPoll = timer.schedule(this::poll, in.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Finds a hole at the tail: committed events no later event has revealed. On the timer's thread. */
  private void poll() {
    try {
      long last = store.lastSeq();
      storeAnswered();
      boolean behind;
      lock.lock();
      try {
        if (last > knownTail) knownTail = last;
        behind = delivered < knownTail;
      } finally {
        lock.unlock();
      }
      if (behind && !busUp) fillFromLog(); // no bus to wait for
      else if (behind) armHoleWait();
    } catch (RuntimeException ex) {
      storeFailed("polling the event log", ex);
    } finally {
      schedulePoll(busUp ? pace.poll() : pace.pollWhileDown());
    }
  }

  private void storeAnswered() {
    if (storeFailing) log.info("the event log answers again");
    storeFailing = false;
  }

  private void storeFailed(String what, RuntimeException ex) {
    if (!storeFailing) log.warn("{} failed; trying again", what, ex);
    storeFailing = true;
  }

  private synchronized ScheduledExecutorService timer() {
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("bus-sequencer").factory());
    }
    return timer;
  }

  /** Stops polling and filling; waits for a store read under way so the store can close after. */
  @Override
  public void close() {
    closed = true;
    ScheduledExecutorService t;
    synchronized (this) {
      t = timer;
    }
    if (t == null) return;
    t.shutdownNow();
    try {
      if (!t.awaitTermination(5, TimeUnit.SECONDS)) log.warn("the sequencer's store read did not finish");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
