package newsdesk.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import newsdesk.bus.EventBus;
import newsdesk.store.Event;
import newsdesk.store.NewEvent;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.SqliteStores;
import newsdesk.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many publishers at once through the hub's group commit: what reaches the bus, and in what order. */
class HubConcurrentPublishTest {
  @TempDir Path dir;
  SqlStore store;

  @AfterEach
  void close() {
    if (store != null) store.close();
  }

  /** Records what the hub hands over, in the order it hands it, and passes it on as the local bus would. */
  private static final class RecordingBus implements EventBus {
    final List<Event> handed = new CopyOnWriteArrayList<>();
    final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Event event) {
      handed.add(event);
      listeners.forEach(l -> l.accept(event));
    }

    @Override
    public void listen(Consumer<Event> listener) {
      listeners.add(listener);
    }
  }

  @Test
  void everyEventOfManyConcurrentPublishesIsHandedOnOnceInSeqOrderWithNoHole() throws Exception {
    store = SqliteStores.open(dir);
    var bus = new RecordingBus();
    var fannedOut = new CopyOnWriteArrayList<Event>();
    bus.listen(fannedOut::add); // after the hub's own listener: recent events and the fan-out
    var metrics = new HubMetrics(new SimpleMeterRegistry());
    var hub = new Hub(store, bus, new Fanout(metrics), metrics, Runnable::run, 100, 1000);
    int publishers = 32;
    int each = 25;
    var acknowledged = new ConcurrentLinkedQueue<Event>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<?>>();
      for (int p = 0; p < publishers; p++) {
        int publisher = p;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            String data = publisher + "/" + i;
            boolean refused = i % 7 == 3;
            try {
              // Some publishes hold their events until released, as a request handler does.
              List<Event> events = i % 2 == 0
                  ? hub.holdingEvents(() -> publish(hub, data, refused))
                  : publish(hub, data, refused);
              if (i % 2 == 0) hub.releaseEvents();
              assertThat(refused).as("acknowledged " + data).isFalse();
              assertThat(events.get(1).seq()).isEqualTo(events.get(0).seq() + 1);
              acknowledged.addAll(events);
            } catch (IllegalStateException expected) {
              assertThat(refused).isTrue();
            }
          }
          return null;
        }));
      }
      for (var f : futures) f.get(120, TimeUnit.SECONDS);
    }
    int total = acknowledged.size();
    assertThat(total).isEqualTo(2 * publishers * (each - (each + 3) / 7));
    Await.until(() -> fannedOut.size() >= total, Duration.ofSeconds(20), "every acknowledged event fanned out");
    var inOrder = LongStream.rangeClosed(1, total).boxed().toList();
    assertThat(bus.handed).extracting(Event::seq).containsExactlyElementsOf(inOrder);
    assertThat(fannedOut).extracting(Event::seq).containsExactlyElementsOf(inOrder);
    assertThat(bus.handed).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(store.eventsAfter(0, total + 1)).containsExactlyElementsOf(bus.handed);
  }

  private static List<Event> publish(Hub hub, String data, boolean refused) {
    return hub.publish(tx -> {
      var first = tx.appendEvent(new NewEvent(null, null, List.of("t"), data + "/a", false, null));
      var second = tx.appendEvent(new NewEvent(null, null, List.of("t"), data + "/b", false, null));
      if (refused) throw new IllegalStateException("refused");
      return List.of(first, second);
    });
  }
}
