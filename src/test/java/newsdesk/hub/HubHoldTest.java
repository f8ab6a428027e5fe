package newsdesk.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import newsdesk.bus.LocalEventBus;
import newsdesk.store.Event;
import newsdesk.store.NewEvent;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.SqliteStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events committed while held wait for release, and every release keeps sequence order. */
class HubHoldTest {
  @TempDir Path dir;
  SqlStore store;
  Hub hub;
  final List<Long> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    store = SqliteStores.open(dir);
    var bus = new LocalEventBus(store);
    var metrics = new HubMetrics(new SimpleMeterRegistry());
    hub = new Hub(store, bus, new Fanout(metrics), metrics, Runnable::run, 100, 100);
    bus.listen(e -> seen.add(e.seq()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Event append(String data) {
    return hub.publish(tx -> tx.appendEvent(new NewEvent(null, null, List.of("t"), data, false, null)));
  }

  @Test
  void aPublishOutsideAHoldGoesOutAtOnce() {
    long seq = append("a").seq();
    assertThat(seen).containsExactly(seq);
  }

  @Test
  void heldEventsAreCommittedButWaitForRelease() throws Exception {
    Event held = hub.holdingEvents(() -> append("held"));
    assertThat(seen).isEmpty();
    assertThat(store.eventsAfter(0, 10)).extracting(Event::seq).containsExactly(held.seq());

    hub.releaseEvents();
    assertThat(seen).containsExactly(held.seq());
    hub.releaseEvents();
    assertThat(seen).containsExactly(held.seq());
  }

  @Test
  void aLaterPublishTakesEarlierHeldEventsAlongInOrder() throws Exception {
    Event first = hub.holdingEvents(() -> append("first"));
    Event second = append("second");
    assertThat(seen).containsExactly(first.seq(), second.seq());
    hub.releaseEvents();
    assertThat(seen).containsExactly(first.seq(), second.seq());
  }

  @Test
  void aFailedHoldLeavesNothingBehind() {
    try {
      hub.holdingEvents(() -> {
        throw new IllegalStateException("refused before any commit");
      });
    } catch (Exception expected) {
      assertThat(expected).hasMessage("refused before any commit");
    }
    long seq = append("after").seq();
    assertThat(seen).containsExactly(seq);
  }
}
