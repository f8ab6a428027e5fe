package newsdesk.hub;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import newsdesk.bus.EventBus;
import newsdesk.store.Committed;
import newsdesk.store.Event;
import newsdesk.store.Store;
import newsdesk.store.StoreUnavailableException;
import newsdesk.store.WriteTx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub: commits changes with their events to the durable log, then fans the events out; and
 * opens subscriptions that replay history from a client's last event id before going live.
 */
public final class Hub {
  private static final Logger log = LoggerFactory.getLogger(Hub.class);
  static final int REPLAY_PAGE = 512;
  /** The most memory the recent events held for resumes may take, whatever their number. */
  static final long RECENT_BYTES = 16L << 20;

  private final Store store;
  private final EventBus bus;
  private final Fanout fanout;
  private final HubMetrics metrics;
  private final Executor blocking;
  private final int maxPending;
  private final RecentEvents recent;
  // One leader at a time commits and fills the outbox, so the outbox (and so the bus) sees events in sequence order.
  private final GroupCommit groups;
  private final ConcurrentLinkedQueue<Event> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean releasing = new AtomicBoolean();
  private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

  /** {@code recentEvents}: how many of the newest events are also held in memory for resumes (0: none). */
  public Hub(Store store, EventBus bus, Fanout fanout, HubMetrics metrics, Executor blocking, int maxPending,
      int recentEvents) {
    this.store = store;
    this.bus = bus;
    this.fanout = fanout;
    this.metrics = metrics;
    this.blocking = blocking;
    this.maxPending = maxPending;
    this.recent = new RecentEvents(recentEvents, RECENT_BYTES);
    this.groups = new GroupCommit(store, this::committed, blocking);
    bus.listen(e -> {
      var delivery = new Delivery(e);
      recent.add(delivery); // before the fan-out, so a resume that misses it here gets it live
      fanout.dispatch(delivery);
    });
  }

  /**
   * The id of the newest event in the log. A page that reads it before reading its content and
   * resumes from it misses nothing published in between. Blocks: reads the store.
   */
  public String lastEventId() {
    return Long.toString(store.lastSeq());
  }

  /**
   * Calls {@code listener} with every event committed while this node runs, on any node, each once
   * and in sequence order (the bus's contract), on the bus's thread: it must not block.
   */
  public void listen(java.util.function.Consumer<Event> listener) {
    bus.listen(listener);
  }

  public Fanout fanout() {
    return fanout;
  }

  /**
   * Runs {@code work} in one durable transaction, shared with the publishes that arrive with it
   * ({@link GroupCommit}), and returns once that commit is durable; the events it appended are
   * dispatched after the commit. Blocks: call from a virtual thread, never from an event loop. The
   * work may run on another publisher's thread: it must not rely on thread-locals.
   */
  public <T> T publish(Function<WriteTx, T> work) {
    T value = groups.run(work);
    if (!holding.get()) releaseEvents();
    return value;
  }

  /**
   * Like {@link #publish} with its events held ({@link #holdingEvents}), but returns at once:
   * {@code done} gets the work's value or failure once the commit is durable (or failed), on the
   * committing thread, so it must not block; it (or whatever it hands on to) calls
   * {@link #releaseEvents()} after answering. Safe on an event loop: no thread waits for the commit.
   */
  public <T> void publishThen(Function<WriteTx, T> work, java.util.function.BiConsumer<? super T, Throwable> done) {
    groups.submit(work, done);
  }

  /** A publish is durable: its events join the outbox, in commit order (group commit's one leader calls this). */
  private void committed(Committed<?> work, long tookNanos) {
    if (!work.events().isEmpty()) metrics.published(work.events().size(), Duration.ofNanos(tookNanos));
    outbox.addAll(work.events());
  }

  /**
   * Runs {@code work}, whose publishes commit as usual but whose events wait for
   * {@link #releaseEvents()}. A request handler releases them right after writing its
   * acknowledgement, so the acknowledgement leaves before thousands of event writes compete with it
   * for the CPU; the readers' wait grows by one hop to the caller's loop. Blocks like publish.
   */
  public <T> T holdingEvents(Callable<T> work) throws Exception {
    holding.set(true);
    try {
      return work.call();
    } finally {
      holding.remove();
    }
  }

  /**
   * Hands every committed event not yet handed over to the bus, in sequence order. Never blocks
   * (safe on an event loop): whoever finds a release under way leaves its events to that one.
   */
  public void releaseEvents() {
    do {
      if (!releasing.compareAndSet(false, true)) return;
      try {
        for (Event e; (e = outbox.poll()) != null; ) bus.publish(e);
      } finally {
        releasing.set(false);
      }
    } while (!outbox.isEmpty());
  }

  /**
   * Drops events beyond the newest {@code keep} from the log, and from memory with them, so a
   * client resuming from before them is told of the gap. Blocks: writes the store.
   */
  public int pruneHistory(long keep) {
    int removed = store.pruneEvents(keep);
    recent.dropThrough(store.prunedThrough());
    return removed;
  }

  /**
   * Where a client that last saw {@code lastEventId} resumes: after that event if the log still
   * has it; from the oldest kept event, flagged as a gap, if it was pruned or is unknown; from the
   * oldest kept event for {@code earliest}. Null means live only. Blocks: reads the store unless
   * the event is among the recent ones held in memory.
   */
  public ResumePoint resumePoint(String lastEventId) {
    if (lastEventId == null) return ResumePoint.LIVE;
    var held = recent.seqOf(lastEventId); // never pruned: pruning drops it here too
    if (held.isPresent()) return new ResumePoint(held.getAsLong(), false, lastEventId);
    long pruned = store.prunedThrough();
    if (lastEventId.equals(ResumePoint.EARLIEST)) return new ResumePoint(pruned, false, ResumePoint.EARLIEST);
    Optional<Long> seq = store.seqOfEventId(lastEventId);
    if (seq.isEmpty() || seq.get() < pruned) return new ResumePoint(pruned, true, ResumePoint.EARLIEST);
    return new ResumePoint(seq.get(), false, lastEventId);
  }

  /**
   * Subscribes {@code sink} to events matching {@code selectors} that {@code audience} may
   * receive, on {@code shard}. Call on the shard's loop. With a replaying {@code resume}, first
   * sends every later matching event from the log, then goes live.
   */
  public Subscription subscribe(Shard shard, List<TopicSelector> selectors, Audience audience, Sink sink,
      ResumePoint resume) {
    var sub = new Subscription(selectors, audience, sink, shard, maxPending, resume.replays());
    shard.add(sub);
    if (resume.replays()) {
      if (resume.gap()) sink.sendGap();
      sub.startAfter(resume.afterSeq());
      blocking.execute(() -> replayPage(sub, shard, resume.afterSeq()));
    }
    return sub;
  }

  private void replayPage(Subscription sub, Shard shard, long afterSeq) {
    List<Delivery> page;
    try {
      List<Delivery> held = recent.after(afterSeq, REPLAY_PAGE);
      page = held != null ? held : store.eventsAfter(afterSeq, REPLAY_PAGE).stream().map(Delivery::new).toList();
    } catch (RuntimeException e) {
      // An outage is logged once by the store; a stack per reconnecting reader would bury it.
      if (e instanceof StoreUnavailableException) log.debug("replay failed, the store is out of reach; closing so the client retries");
      else log.warn("replay failed; closing the subscription so the client retries", e);
      shard.loop().execute(sub.sink()::close);
      return;
    }
    long next = page.isEmpty() ? afterSeq : page.get(page.size() - 1).event().seq();
    boolean last = page.size() < REPLAY_PAGE;
    shard.loop().execute(() -> replayFrom(sub, shard, page, 0, last, next));
  }

  /**
   * Sends a page from {@code index} on, pausing whenever the client's buffer is full: history is
   * fed at the client's pace, so a long replay never trips the slow-reader cut-off and is never
   * buffered whole. Runs on the shard's loop.
   */
  private void replayFrom(Subscription sub, Shard shard, List<Delivery> page, int index, boolean last, long next) {
    Sink sink = sub.sink();
    for (int i = index; i < page.size(); ) {
      if (!sink.isOpen()) return;
      if (!sink.writable()) {
        int resumeAt = i;
        sink.whenWritable(() -> replayFrom(sub, shard, page, resumeAt, last, next));
        return;
      }
      int end = i;
      for (long chars = 0; end < page.size() && Delivery.roomForOneMore(end - i, chars); end++) {
        chars += page.get(end).event().data().length();
      }
      sub.replayed(page.subList(i, end));
      i = end;
    }
    if (!sink.isOpen()) return;
    if (last) sub.finishReplay();
    else blocking.execute(() -> replayPage(sub, shard, next));
  }

}
