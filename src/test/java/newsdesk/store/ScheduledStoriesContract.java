package newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The part of the {@link Store} contract for scheduled stories ({@link Store#nextScheduled},
 * {@link Store#dueScheduled}, {@link WriteTx#claimScheduled}), run against every implementation.
 * Times are given, not read from a clock.
 */
public abstract class ScheduledStoriesContract extends StoreNodes<Store> {
  static final Instant T = Instant.parse("2026-12-01T06:00:00Z");

  static Story scheduled(String slug, Instant at) {
    return StoreContract.story(slug, "city", StoryStatus.SCHEDULED, null).withStatus(StoryStatus.SCHEDULED, null, null,
        T.minusSeconds(3600), at);
  }

  private static long insert(Store store, Story s) {
    return store.write(tx -> tx.insertStory(s)).value().id();
  }

  @Test
  void aScheduledStoryKeepsItsTimeAndIsDueFromThatMillisecondOn() {
    Store store = open();
    insert(store, scheduled("late", T.plusSeconds(60)));
    insert(store, scheduled("early", T));
    insert(store, StoreContract.story("draft", "city", StoryStatus.DRAFT, null));
    insert(store, StoreContract.story("out", "city", StoryStatus.PUBLISHED, T.minusSeconds(5)));

    assertThat(store.story("early").orElseThrow().scheduledAt()).isEqualTo(T);
    assertThat(store.story("draft").orElseThrow().scheduledAt()).isNull();
    assertThat(store.stories(new StoryQuery(null, StoryStatus.SCHEDULED, 10, null, false)))
        .extracting(Story::slug, Story::scheduledAt)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("late", T.plusSeconds(60)),
            org.assertj.core.groups.Tuple.tuple("early", T));
    assertThat(store.nextScheduled()).contains(T);
    assertThat(store.dueScheduled(T.minusMillis(1), 10)).isEmpty();
    assertThat(store.dueScheduled(T, 10)).containsExactly(new ScheduledStory("early", T));
    assertThat(store.dueScheduled(T.plusSeconds(3600), 10)).extracting(ScheduledStory::slug).containsExactly("early", "late");
    assertThat(store.dueScheduled(T.plusSeconds(3600), 1)).extracting(ScheduledStory::slug).containsExactly("early");
  }

  @Test
  void noScheduleMeansNothingIsNext() {
    Store store = open();
    insert(store, StoreContract.story("draft", "city", StoryStatus.DRAFT, null));
    assertThat(store.nextScheduled()).isEmpty();
    assertThat(store.dueScheduled(T.plusSeconds(86_400), 10)).isEmpty();
  }

  @Test
  void anUpdateMovesOrClearsTheTime() {
    Store store = open();
    long id = insert(store, scheduled("moved", T));
    store.write(tx -> {
      tx.updateStory(tx.story("moved").orElseThrow().withStatus(StoryStatus.SCHEDULED, null, null, T, T.plusSeconds(30)));
      return null;
    });
    assertThat(store.nextScheduled()).contains(T.plusSeconds(30));
    store.write(tx -> {
      tx.updateStory(tx.story("moved").orElseThrow().withStatus(StoryStatus.DRAFT, null, null, T, null));
      return null;
    });
    assertThat(store.story("moved").orElseThrow()).extracting(Story::id, Story::status, Story::scheduledAt)
        .containsExactly(id, StoryStatus.DRAFT, null);
    assertThat(store.nextScheduled()).isEmpty();
  }

  @Test
  void aClaimIsGrantedOnceOnlyWhenDueAndAcrossNodes() {
    Store a = open();
    Store b = open();
    long id = insert(a, scheduled("once", T));
    assertThat(b.write(tx -> tx.claimScheduled(id, T.minusMillis(1))).value()).as("not yet due").isFalse();
    assertThat(a.write(tx -> tx.claimScheduled(id, T)).value()).isTrue();
    assertThat(b.write(tx -> tx.claimScheduled(id, T.plusSeconds(1))).value()).as("already claimed").isFalse();
    assertThat(a.write(tx -> tx.claimScheduled(id, T.plusSeconds(1))).value()).isFalse();
    assertThat(a.story("once").orElseThrow().scheduledAt()).isNull();
    assertThat(b.dueScheduled(T.plusSeconds(3600), 10)).isEmpty();
  }

  @Test
  void aClaimRolledBackIsHandedBack() {
    Store a = open();
    Store b = open();
    long id = insert(a, scheduled("retry", T));
    assertThatThrownBy(() -> a.write(tx -> {
      assertThat(tx.claimScheduled(id, T)).isTrue();
      throw new IllegalStateException("the publish failed");
    })).hasMessage("the publish failed");
    assertThat(b.dueScheduled(T, 10)).extracting(ScheduledStory::slug).containsExactly("retry");
    assertThat(b.write(tx -> tx.claimScheduled(id, T)).value()).isTrue();
  }

  @Test
  void claimsFromSeveralNodesAtOnceGrantOneEach() throws Exception {
    List<Store> nodes = List.of(open(), open(), open(), open());
    var ids = new ArrayList<Long>();
    for (int i = 0; i < 5; i++) ids.add(insert(nodes.get(0), scheduled("race-" + i, T)));
    var start = new CountDownLatch(1);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var results = new ArrayList<Future<Integer>>();
      for (Store node : nodes) {
        results.add(pool.submit(() -> {
          start.await();
          int won = 0;
          for (long id : ids) if (node.write(tx -> tx.claimScheduled(id, T)).value()) won++;
          return won;
        }));
      }
      start.countDown();
      int total = 0;
      for (var r : results) total += r.get(60, TimeUnit.SECONDS);
      assertThat(total).as("each of 5 stories claimed by exactly one of 4 nodes").isEqualTo(5);
    }
    assertThat(nodes.get(3).nextScheduled()).isEmpty();
  }
}
