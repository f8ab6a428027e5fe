package newsdesk.hub;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import newsdesk.store.Event;
import newsdesk.store.Store;
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

  private final Store store;
  private final EventBus bus;
  private final Fanout fanout;
  private final HubMetrics metrics;
  private final Executor blocking;
  private final int maxPending;
  // Held from commit to hand-off, so the bus sees events in sequence order.
  private final ReentrantLock publishLock = new ReentrantLock();

  public Hub(Store store, EventBus bus, Fanout fanout, HubMetrics metrics, Executor blocking, int maxPending) {
    this.store = store;
    this.bus = bus;
    this.fanout = fanout;
    this.metrics = metrics;
    this.blocking = blocking;
    this.maxPending = maxPending;
    bus.listen(fanout::dispatch);
  }

  public Fanout fanout() {
    return fanout;
  }

  /**
   * Runs {@code work} in one durable transaction; the events it appended are dispatched after the
   * commit. Blocks: call from a virtual thread, never from an event loop.
   */
  public <T> T publish(Function<WriteTx, T> work) {
    publishLock.lock();
    try {
      long start = System.nanoTime();
      var committed = store.write(work);
      if (!committed.events().isEmpty()) {
        metrics.published(committed.events().size(), java.time.Duration.ofNanos(System.nanoTime() - start));
      }
      for (Event e : committed.events()) bus.publish(e);
      return committed.value();
    } finally {
      publishLock.unlock();
    }
  }

  /**
   * Subscribes {@code sink} to {@code topics} on {@code shard}. Call on the shard's loop. With a
   * {@code lastEventId}, first replays every later event on those topics from the log.
   */
  public Subscription subscribe(Shard shard, Set<String> topics, Sink sink, String lastEventId) {
    boolean resume = lastEventId != null;
    var sub = new Subscription(topics, sink, shard, maxPending, resume);
    shard.add(sub);
    if (resume) blocking.execute(() -> startReplay(sub, shard, lastEventId));
    return sub;
  }

  private void startReplay(Subscription sub, Shard shard, String lastEventId) {
    try {
      long pruned = store.prunedThrough();
      Optional<Long> seq = store.seqOfEventId(lastEventId);
      long from;
      boolean gap;
      if (seq.isEmpty()) {
        gap = true; // unknown id: the client's history is not ours to continue
        from = pruned;
      } else {
        gap = seq.get() < pruned;
        from = gap ? pruned : seq.get();
      }
      long start = from;
      shard.loop().execute(() -> {
        if (gap) sub.sink().sendGap(lastEventId);
        sub.startAfter(start);
      });
      replayPage(sub, shard, from);
    } catch (RuntimeException e) {
      log.warn("replay failed; closing the subscription so the client retries", e);
      shard.loop().execute(sub.sink()::close);
    }
  }

  private void replayPage(Subscription sub, Shard shard, long afterSeq) {
    List<Event> page = store.eventsAfter(afterSeq, REPLAY_PAGE);
    long next = page.isEmpty() ? afterSeq : page.get(page.size() - 1).seq();
    boolean last = page.size() < REPLAY_PAGE;
    shard.loop().execute(() -> {
      if (!sub.sink().isOpen()) return;
      for (Event e : page) if (sub.matches(e)) sub.replayed(new Delivery(e));
      if (last) {
        sub.finishReplay();
      } else {
        // Read the next page only when this one has drained: a slow reader does not make us
        // buffer its whole history.
        sub.sink().whenWritable(() -> blocking.execute(() -> {
          try {
            replayPage(sub, shard, next);
          } catch (RuntimeException e) {
            log.warn("replay failed; closing the subscription so the client retries", e);
            shard.loop().execute(sub.sink()::close);
          }
        }));
      }
    });
  }
}
