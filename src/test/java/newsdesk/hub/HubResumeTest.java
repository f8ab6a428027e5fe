package newsdesk.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import newsdesk.bus.LocalEventBus;
import newsdesk.store.Event;
import newsdesk.store.NewEvent;
import newsdesk.store.Store;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.SqliteStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a resume starts, with recent events held in memory and without. */
class HubResumeTest {
  private static final Set<String> HISTORY_READS = Set.of("seqOfEventId", "prunedThrough", "eventsAfter");

  @TempDir Path dir;
  SqlStore sql;
  final AtomicInteger historyReads = new AtomicInteger();

  @AfterEach
  void close() {
    if (sql != null) sql.close();
  }

  /** The SQLite store, counting the reads a resume may make. */
  private Store countingStore() {
    sql = SqliteStores.open(dir);
    return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, (p, m, args) -> {
      if (HISTORY_READS.contains(m.getName())) historyReads.incrementAndGet();
      try {
        return m.invoke(sql, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  private Hub hub(int recentEvents) {
    var metrics = new HubMetrics(new SimpleMeterRegistry());
    Store store = countingStore();
    return new Hub(store, new LocalEventBus(store), new Fanout(metrics), metrics, Runnable::run, 100, recentEvents);
  }

  private static Event append(Hub hub, String data) {
    return hub.publish(tx -> tx.appendEvent(new NewEvent(null, null, List.of("t"), data, false, null)));
  }

  @Test
  void aRecentEventIdIsFoundWithoutReadingTheStore() {
    Hub hub = hub(100);
    append(hub, "a");
    Event b = append(hub, "b");
    append(hub, "c");
    historyReads.set(0);

    ResumePoint resume = hub.resumePoint(b.id());

    assertThat(resume.afterSeq()).isEqualTo(b.seq());
    assertThat(resume.gap()).isFalse();
    assertThat(historyReads).hasValue(0);
  }

  @Test
  void anIdOlderThanMemoryHoldsIsLookedUpInTheStore() {
    Hub hub = hub(2);
    Event a = append(hub, "a");
    append(hub, "b");
    append(hub, "c");
    historyReads.set(0);

    ResumePoint resume = hub.resumePoint(a.id());

    assertThat(resume.afterSeq()).isEqualTo(a.seq());
    assertThat(resume.gap()).isFalse();
    assertThat(historyReads.get()).isPositive();
  }

  @Test
  void aPrunedEventIsForgottenInMemoryTooSoTheClientHearsOfTheGap() {
    Hub hub = hub(100);
    Event a = append(hub, "a");
    append(hub, "b");
    append(hub, "c");

    assertThat(hub.pruneHistory(1)).isEqualTo(2);
    ResumePoint resume = hub.resumePoint(a.id());

    assertThat(resume.gap()).isTrue();
  }

  @Test
  void withNothingHeldEveryResumeReadsTheStore() {
    Hub hub = hub(0);
    Event a = append(hub, "a");
    historyReads.set(0);

    assertThat(hub.resumePoint(a.id()).afterSeq()).isEqualTo(a.seq());
    assertThat(historyReads.get()).isPositive();
  }
}
