package newsdesk.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the old generation's garbage bounded. The serial collector collects the old generation only
 * once it has grown to the heap's cap, and every event the server keeps for resumes lives long enough
 * to be promoted there, so under a steady stream of publishes the process's memory climbs towards the
 * cap and stays. Every {@link #EVERY}, this compares the old generation with what was live in it after
 * its last full collection, and collects when the garbage outgrows {@link #budget} or, once the server
 * has been quiet for {@link #QUIET}, when there is more than {@link #QUIET_GARBAGE_BYTES} of it. Only
 * under the serial collector: the others size their old generation themselves. See
 * docs/decisions/0021-old-generation-upkeep.md.
 */
final class OldGenerationUpkeep implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OldGenerationUpkeep.class);
  static final Duration EVERY = Duration.ofSeconds(5);
  /** The least garbage a collection waits for while the server is busy: below it, a pause costs more than the memory. */
  static final long MIN_BUDGET_BYTES = 128L << 20;
  /** No young collection for this long: nothing much is allocated, so a pause costs nobody. */
  static final Duration QUIET = Duration.ofSeconds(60);
  static final long QUIET_GARBAGE_BYTES = 16L << 20;

  /** The old generation now: bytes in use, bytes live after its last full collection, young collections so far. */
  record Reading(long used, long liveAfterFull, long youngCollections) {
    long garbage() {
      return Math.max(0, used - liveAfterFull);
    }
  }

  private final Supplier<Reading> reader;
  private final Runnable collector;
  private ScheduledExecutorService timer;
  private long lastYoungCollections = -1;
  private long youngSeenAt;

  OldGenerationUpkeep(Supplier<Reading> reader, Runnable collector) {
    this.reader = reader;
    this.collector = collector;
  }

  /** Busy, garbage beyond this is collected: as much as was live, and at least {@link #MIN_BUDGET_BYTES}. */
  static long budget(long liveAfterFull) {
    return Math.max(MIN_BUDGET_BYTES, liveAfterFull);
  }

  /**
   * Starts the checks on a daemon thread under the serial collector; null under any other (nothing to
   * do), with {@code -XX:+DisableExplicitGC} (it could not collect), or with
   * {@code -Dnewsdesk.old-generation-upkeep=false}.
   */
  static OldGenerationUpkeep startUnderSerialCollector() {
    if ("false".equals(System.getProperty("newsdesk.old-generation-upkeep"))) return null;
    var hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (hotspot != null && "true".equals(hotspot.getVMOption("DisableExplicitGC").getValue())) return null;
    var upkeep = underSerialCollector();
    return upkeep == null ? null : upkeep.start();
  }

  /** Reads this JVM's old generation and collects it with {@link System#gc}; null unless the collector is serial. */
  static OldGenerationUpkeep underSerialCollector() {
    var heap = SerialHeap.find();
    return heap == null ? null : new OldGenerationUpkeep(heap::read, System::gc);
  }

  private OldGenerationUpkeep start() {
    timer = Executors.newSingleThreadScheduledExecutor(
        r -> Thread.ofPlatform().name("old-generation-upkeep").daemon().unstarted(r));
    timer.scheduleWithFixedDelay(this::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void check() {
    try {
      tick(System.nanoTime());
    } catch (RuntimeException e) { // one bad reading must not end the checks
      log.warn("old generation upkeep: a check failed", e);
    }
  }

  /** One check at {@code now} (nanoseconds); true if it collected. */
  boolean tick(long now) {
    Reading r = reader.get();
    if (r.youngCollections() != lastYoungCollections) {
      lastYoungCollections = r.youngCollections();
      youngSeenAt = now;
    }
    boolean quiet = now - youngSeenAt >= QUIET.toNanos();
    long garbage = r.garbage();
    String why;
    if (garbage > budget(r.liveAfterFull())) why = "its garbage outgrew the budget";
    else if (quiet && garbage > QUIET_GARBAGE_BYTES) why = "the server is quiet";
    else return false;
    long start = System.nanoTime();
    collector.run();
    long ms = (System.nanoTime() - start) / 1_000_000;
    Reading after = reader.get();
    lastYoungCollections = after.youngCollections(); // the collection itself is not the server being busy
    youngSeenAt = now;
    log.info("old generation collected because {}: {} MB in use, {} MB live after, {} ms", why, r.used() >> 20,
        after.liveAfterFull() >> 20, ms);
    return true;
  }

  @Override
  public void close() {
    if (timer != null) timer.shutdownNow();
  }

  /** The serial collector's old generation and young collector, read through the JVM's management beans. */
  private record SerialHeap(MemoryPoolMXBean old, GarbageCollectorMXBean young) {
    static SerialHeap find() {
      List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
      GarbageCollectorMXBean young = collectors.stream().filter(c -> c.getName().equals("Copy")).findFirst().orElse(null);
      MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getName().equals("Tenured Gen")).findFirst().orElse(null);
      return young == null || old == null ? null : new SerialHeap(old, young);
    }

    Reading read() {
      // Collection usage is the pool after the last collection that collected it: for the tenured
      // generation, the last full collection (0 before the first).
      var afterFull = old.getCollectionUsage();
      return new Reading(old.getUsage().getUsed(), afterFull == null ? 0 : afterFull.getUsed(), young.getCollectionCount());
    }
  }
}
