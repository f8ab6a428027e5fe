package newsdesk.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-warm: right after the server answers, a scratch server of this JVM's own is put through a
 * short {@link TrainingLoad} (readers arriving and resuming, then subscribers on every transport and
 * publishes fanned out to them), so the JIT compiles the paths a breaking story takes before the real
 * server's first fan-out needs them. Compiled code is the JVM's, not a server's: the real server runs
 * what the scratch one warmed. It never touches the real store, bus, metrics or presence, and does not
 * delay {@code /healthz}. {@code -Dnewsdesk.self-warm=false} turns it off. See
 * docs/decisions/0018-self-warm.md.
 */
final class SelfWarm implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SelfWarm.class);
  // Few readers at a time and many messages: a crowd's deliveries for the JIT, little memory.
  static final int SUBSCRIBERS = 100;
  static final int MESSAGES = 500;
  static final int CHURN_ROUNDS = 5;
  /** Publishes in flight at once: they share commits, so the warm-up is not paced by the disk's fsync. */
  static final int TOGETHER = 10;
  /**
   * Real connections above which the closing full collection is skipped: with a crowd connected it
   * stops the world for ~100 ms, just as the crowd's first messages go out (decision 0018).
   */
  static final int COLLECT_AT_MOST = 100;

  private final int subscribers;
  private final int messages;
  private final IntSupplier realConnections;
  private final Thread thread;
  private final AtomicReference<ScratchServer> scratch = new AtomicReference<>();
  private volatile boolean closed;
  private volatile long[] delivered;

  /** @param realConnections the real server's open connections (the scratch server's not among them) */
  SelfWarm(int subscribers, int messages, IntSupplier realConnections) {
    this.subscribers = subscribers;
    this.messages = messages;
    this.realConnections = realConnections;
    thread = Thread.ofPlatform().name("self-warm").daemon().unstarted(this::run);
  }

  /** Starts the warm-up in the background, unless {@code -Dnewsdesk.self-warm=false}; null then. */
  static SelfWarm startUnlessOff(IntSupplier realConnections) {
    if ("false".equals(System.getProperty("newsdesk.self-warm"))) return null;
    return new SelfWarm(SUBSCRIBERS, MESSAGES, realConnections).start();
  }

  SelfWarm start() {
    thread.start();
    return this;
  }

  /** Waits for the warm-up to end; its deliveries seen and expected, or null if it stopped early. */
  long[] await(Duration patience) throws InterruptedException {
    thread.join(patience);
    return delivered;
  }

  private void run() {
    long t0 = System.nanoTime();
    // At normal priority it would take the CPU from the first real readers (decision 0018): none then.
    if (!IdlePriority.lowerCurrentThread()) {
      log.info("no self-warm: it runs only at idle priority (Linux's SCHED_IDLE through chrt), not available here");
      return;
    }
    try {
      long[] seen;
      try {
        var server = ScratchLogFilter.quietly(() -> ScratchServer.start(4 * subscribers));
        scratch.set(server);
        if (closed) return;
        // Its loops and readers at idle priority too: real readers and publishes arriving
        // meanwhile always come first (decision 0018).
        server.runIdle();
        try (var load = new TrainingLoad(server.port(), server.publisherKey(), SelfWarm::idleThread)) {
          load.churn(subscribers, CHURN_ROUNDS);
          seen = load.run(subscribers, messages, TOGETHER);
        }
      } finally {
        stopScratch();
      }
      // The scratch server's objects are garbage now, much of it already in the old generation: one
      // full collection gives that memory back before real readers need it, unless they are here
      // already (decision 0018).
      int real = realConnections.getAsInt();
      boolean collect = real <= COLLECT_AT_MOST;
      if (collect) System.gc();
      delivered = seen;
      log.info("self-warm done in {} ms ({} of {} deliveries); {}", (System.nanoTime() - t0) / 1_000_000, seen[0],
          seen[1], collect ? "heap collected" : "heap not collected: " + real + " real connections open");
    } catch (Exception e) {
      if (!closed) log.info("self-warm stopped early; the first fan-outs run while the JIT compiles ({})", e.toString());
    }
  }

  private static Thread idleThread(Runnable work) {
    return Thread.ofPlatform().name("self-warm-readers").daemon().unstarted(() -> {
      IdlePriority.lowerCurrentThread();
      work.run();
    });
  }

  private void stopScratch() throws Exception {
    var s = scratch.getAndSet(null);
    if (s != null) {
      ScratchLogFilter.quietly(() -> {
        s.close();
        return null;
      });
    }
  }

  /** Stops a warm-up still running (at shutdown): its scratch server closes and its directory goes. */
  @Override
  public void close() {
    closed = true;
    try {
      stopScratch();
      thread.join(5_000);
    } catch (Exception e) {
      log.debug("self-warm did not stop cleanly", e);
    }
  }
}
