package newsdesk.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import newsdesk.store.Event;
import newsdesk.store.NewEvent;
import newsdesk.store.Store;
import newsdesk.store.sql.SqliteStores;
import newsdesk.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link EventBus} promises the hub: each listener sees each event committed after the
 * bus started once, in seq order, with no hole, whatever the carrier does. Several buses on one
 * carrier and one store stand in for several nodes.
 */
abstract class EventBusContract {
  static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path dir;
  protected Store store;
  private final List<EventBus> buses = new ArrayList<>();

  /** A bus for one more node, on the test's carrier and {@code store}. */
  protected abstract EventBus newBus(Store store);

  /** Whether buses made by {@link #newBus} share a carrier, so two of them are two nodes. */
  protected abstract boolean clustered();

  /** The store every node of a test shares. */
  protected Store openStore() {
    return SqliteStores.open(dir);
  }

  @BeforeEach
  void openStoreForTest() {
    store = openStore();
  }

  @AfterEach
  void closeAll() {
    buses.forEach(EventBus::close);
    store.close();
  }

  /** A node: a bus and what its listener saw, in order. */
  protected final class Node {
    final EventBus bus;
    final List<Long> seen = new CopyOnWriteArrayList<>();

    Node() {
      bus = newBus(store);
      buses.add(bus);
      bus.listen(e -> seen.add(e.seq()));
    }

    /** Commits an event and publishes it on this node, as the hub does. */
    Event publish(String data) {
      Event e = commit(store, data);
      bus.publish(e);
      return e;
    }

    /** Commits {@code count} events in one transaction and publishes them in order. */
    List<Event> publishMany(int count) {
      List<Event> events = store.write(tx -> {
        for (int i = 0; i < count; i++) tx.appendEvent(new NewEvent(null, null, List.of("t"), "e" + i, false, null));
        return null;
      }).events();
      events.forEach(bus::publish);
      return events;
    }

    void awaitSeen(long through) {
      Await.until(() -> !seen.isEmpty() && seen.get(seen.size() - 1) >= through, DEADLINE,
          "the node saw event " + through + " (saw " + seen.size() + ")");
    }
  }

  /** Commits one event without publishing it: a node that dies right after its commit. */
  protected static Event commit(Store store, String data) {
    return store.write(tx -> tx.appendEvent(new NewEvent(null, null, List.of("t"), data, false, null))).value();
  }

  protected static List<Long> seqs(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void eachListenerSeesEachEventOnceInSeqOrder() {
    var node = new Node();
    List<Long> second = new CopyOnWriteArrayList<>();
    node.bus.listen(e -> second.add(e.seq()));

    for (int i = 0; i < 6; i++) node.publishMany(50);

    node.awaitSeen(300);
    Await.until(() -> second.size() >= 300, DEADLINE, "the second listener saw all 300");
    assertThat(node.seen).isEqualTo(seqs(1, 300));
    assertThat(second).isEqualTo(seqs(1, 300));
  }

  @Test
  void aRepeatedOrOlderEventIsDropped() {
    var node = new Node();
    Event one = node.publish("one");
    Event two = node.publish("two");
    node.bus.publish(one);
    node.bus.publish(two);
    node.bus.publish(one);
    node.publish("three");

    node.awaitSeen(3);
    assertThat(node.seen).containsExactly(1L, 2L, 3L);
  }

  @Test
  void anEventAheadOfItsPredecessorWaitsForIt() {
    var node = new Node();
    Event one = commit(store, "one");
    Event two = commit(store, "two");
    Event three = commit(store, "three");

    node.bus.publish(three);
    node.bus.publish(two);
    node.bus.publish(one);

    node.awaitSeen(3);
    assertThat(node.seen).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aHoleTheBusNeverFillsIsFilledFromTheLog() {
    var node = new Node();
    Event one = commit(store, "one");
    commit(store, "two: committed, never published");
    Event three = commit(store, "three");

    node.bus.publish(one);
    node.bus.publish(three);

    node.awaitSeen(3);
    assertThat(node.seen).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aBusStartsAfterWhatWasCommittedBeforeIt() {
    Event before = commit(store, "before the node started");
    var node = new Node();
    node.bus.publish(before);
    Event after = node.publish("after");

    node.awaitSeen(after.seq());
    assertThat(node.seen).containsExactly(after.seq());
  }

  @Test
  void twoNodesPublishingConcurrentlySeeTheSameSequence() throws Exception {
    assumeTrue(clustered(), "one process is one node");
    var a = new Node();
    var b = new Node();
    int each = 100;
    try (var pool = Executors.newFixedThreadPool(2)) {
      Future<?> fromA = pool.submit(() -> { for (int i = 0; i < each; i++) a.publish("a" + i); });
      Future<?> fromB = pool.submit(() -> { for (int i = 0; i < each; i++) b.publish("b" + i); });
      fromA.get();
      fromB.get();
    }

    a.awaitSeen(2L * each);
    b.awaitSeen(2L * each);
    assertThat(a.seen).isEqualTo(seqs(1, 2L * each));
    assertThat(b.seen).isEqualTo(a.seen);
  }

  @Test
  void anEventCommittedButNeverPublishedStillReachesEveryNode() {
    assumeTrue(clustered(), "in one process the node that commits is the only one to tell");
    var a = new Node();
    var b = new Node();
    a.publish("one");
    Event orphan = commit(store, "its node died before publishing it");

    a.awaitSeen(orphan.seq());
    b.awaitSeen(orphan.seq());
    assertThat(a.seen).containsExactly(1L, 2L);
    assertThat(b.seen).containsExactly(1L, 2L);
  }
}
