package newsdesk.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Function;
import newsdesk.store.Committed;
import newsdesk.store.Outcome;
import newsdesk.store.Store;
import newsdesk.store.WriteTx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: publishes that arrive while a commit is under way share the next transaction and
 * its one fsync. A publisher queues its work; if no one leads, it leads: it takes up to
 * {@link #MAX_GROUP} works from the head of the queue (its own among them, sooner or later),
 * commits them with {@link Store#writeGroup}, hands each committed work to {@code committed} in
 * commit order, and only then answers each waiter with its own value or exception. So nothing is
 * answered before it is durable, and a failed commit answers every work of its group with the
 * failure. One leader at a time, so {@code committed} sees the groups in commit order too.
 * A leader whose own work is done hands the lead to the next waiter and returns.
 * A work {@link #submit submitted} from an event loop has no thread waiting for it: if no one leads,
 * a leader is started on {@code leaders} that commits until the queue is empty, and its answer is a
 * callback. So a loop's publish costs no thread of its own, and no wake-up of one after the commit.
 * See docs/decisions/0015-group-commit.md and 0017-publish-without-a-thread-per-request.md.
 */
final class GroupCommit {
  /**
   * The most works in one transaction. Past a few dozen the fsync is a small share of a group's
   * time, while every waiter of a group waits for the whole group.
   */
  static final int MAX_GROUP = 64;
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
  private static final long SLOW_COMMIT_NANOS = 100_000_000;
  /**
   * The longest a leader waits for a group as large as the last one to gather: a third of an fsync
   * here. A steady trickle (groups of one) never waits.
   */
  static final long GATHER_NANOS = 100_000;

  /** Told of each committed work, in commit order, before its publisher is answered. */
  @FunctionalInterface
  interface Committer {
    void committed(Committed<?> work, long queuedNanos);
  }

  private final Store store;
  private final Committer committer;
  private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean leading = new AtomicBoolean();
  private final Executor leaders;
  private int lastGroup = 1; // written and read by the leader only
  private volatile Thread gathering; // the leader while it waits for its group to gather
  private volatile int gatherTarget;

  /** @param leaders runs a leader for submitted works when no one leads (a virtual thread each) */
  GroupCommit(Store store, Committer committer, Executor leaders) {
    this.store = store;
    this.committer = committer;
    this.leaders = leaders;
  }

  /**
   * Queues {@code work} for the next commit and returns at once; {@code done} is called with its
   * value, or its failure, once it is durable or has failed, on the committing thread: it must not
   * block. Never blocks (safe on an event loop).
   */
  <T> void submit(Function<WriteTx, T> work, BiConsumer<? super T, Throwable> done) {
    queue.add(new Pending<>(work, null, done));
    gathered();
    if (leading.compareAndSet(false, true)) startLeader();
  }

  private void startLeader() {
    try {
      leaders.execute(this::leadWhileQueued);
    } catch (RejectedExecutionException shuttingDown) {
      // A queued work is answered, never dropped: commit here rather than leave it waiting.
      leadWhileQueued();
    }
  }

  /** A leader with no work of its own: commits until nothing is queued, then hands on. */
  private void leadWhileQueued() {
    try {
      while (!queue.isEmpty()) commitNextGroup();
    } finally { // even after an unexpected failure, what is queued gets a leader
      leading.set(false);
      handOn();
    }
  }

  /**
   * After a leader lets go: whoever queued while it led is woken to take the lead (or finds it
   * taken, and is woken again when that leader hands it on); a submitted work gets a leader started.
   */
  private void handOn() {
    Pending<?> next = queue.peek();
    if (next == null) return;
    if (next.thread != null) LockSupport.unpark(next.thread);
    else if (leading.compareAndSet(false, true)) startLeader();
  }

  /** Commits {@code work}, maybe with others, and returns its value once durable. Blocks. */
  <T> T run(Function<WriteTx, T> work) {
    var mine = new Pending<>(work, Thread.currentThread(), null);
    queue.add(mine);
    gathered();
    boolean interrupted = false;
    while (!mine.done) {
      if (leading.compareAndSet(false, true)) {
        try {
          while (!mine.done) commitNextGroup();
        } finally {
          leading.set(false);
        }
        handOn();
      } else {
        LockSupport.park(this);
        // A work once queued is committed or failed, never dropped: wait for it whatever happens.
        if (Thread.interrupted()) interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    return mine.answer();
  }

  /** How many works wait for a commit (for tests). */
  int queued() {
    return queue.size();
  }

  /**
   * Publishers that came together tend to come back together, each answered and sending its next:
   * a leader whose queue holds fewer works than its last group waits (at most
   * {@link #GATHER_NANOS}) for that many, so they share one fsync instead of two or three.
   */
  private void gather() {
    int target = Math.min(lastGroup, MAX_GROUP);
    if (queue.size() >= target) return;
    gatherTarget = target;
    gathering = Thread.currentThread();
    try {
      long deadline = System.nanoTime() + GATHER_NANOS;
      for (long left; queue.size() < target && (left = deadline - System.nanoTime()) > 0; ) {
        LockSupport.parkNanos(this, left);
      }
    } finally {
      gathering = null;
    }
  }

  /** A work was queued: wakes a gathering leader once its group is all there. */
  private void gathered() {
    Thread leader = gathering;
    if (leader != null && queue.size() >= gatherTarget) LockSupport.unpark(leader);
  }

  private void commitNextGroup() {
    gather();
    var group = new ArrayList<Pending<?>>(Math.min(MAX_GROUP, 16));
    for (Pending<?> p; group.size() < MAX_GROUP && (p = queue.poll()) != null; ) group.add(p);
    lastGroup = group.size();
    List<Outcome<?>> outcomes;
    long start = System.nanoTime();
    try {
      outcomes = store.writeGroup(group.stream().map(p -> p.work).toList());
    } catch (Throwable commitFailed) { // nothing of the group is committed
      for (Pending<?> p : group) p.fail(commitFailed);
      return;
    }
    long end = System.nanoTime();
    // Readers wait for the commit, so a slow one is a stall an operator should be able to see.
    if (end - start >= SLOW_COMMIT_NANOS) {
      log.warn("a group commit took {} ms to become durable ({} publishes)", (end - start) / 1_000_000, group.size());
    }
    try {
      for (int i = 0; i < group.size(); i++) {
        Outcome<?> o = outcomes.get(i);
        if (o.committed() != null) committer.committed(o.committed(), end - group.get(i).queuedAt);
      }
    } finally { // no waiter is left waiting
      for (int i = 0; i < group.size(); i++) group.get(i).complete(outcomes.get(i));
    }
  }

  /** A queued work and, once its group is done, its answer: to its parked thread, or to its callback. */
  private static final class Pending<T> {
    final Function<WriteTx, T> work;
    final Thread thread;
    final BiConsumer<? super T, Throwable> callback;
    final long queuedAt = System.nanoTime();
    private Object value;
    private Throwable failure;
    volatile boolean done;

    Pending(Function<WriteTx, T> work, Thread thread, BiConsumer<? super T, Throwable> callback) {
      this.work = work;
      this.thread = thread;
      this.callback = callback;
    }

    void complete(Outcome<?> outcome) {
      if (outcome.committed() != null) value = outcome.committed().value();
      else failure = outcome.failure();
      finish();
    }

    void fail(Throwable e) {
      failure = e;
      finish();
    }

    @SuppressWarnings("unchecked") // the value came from this pending's own work
    private void finish() {
      done = true; // publishes value and failure to the waiter
      if (thread != null) {
        LockSupport.unpark(thread);
        return;
      }
      try {
        callback.accept((T) value, failure);
      } catch (RuntimeException e) { // one callback's bug must not leave the rest of its group unanswered
        log.error("a publish's callback failed", e);
      }
    }

    @SuppressWarnings("unchecked") // the value came from this pending's own work
    T answer() {
      if (failure instanceof RuntimeException e) throw e;
      if (failure instanceof Error e) throw e;
      if (failure != null) throw new IllegalStateException(failure);
      return (T) value;
    }
  }
}
