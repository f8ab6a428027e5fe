package newsdesk.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import newsdesk.store.Committed;
import newsdesk.store.Event;
import newsdesk.store.NewEvent;
import newsdesk.store.Store;
import newsdesk.store.StoreUnavailableException;
import newsdesk.store.WriteTx;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.SqliteStores;
import newsdesk.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishes that queue while a commit runs share the next one; each is answered alone, once durable. */
class GroupCommitTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  SqlStore sql;
  /** The size of every group the store was asked to commit, in order. */
  final List<Integer> groups = new CopyOnWriteArrayList<>();
  final AtomicBoolean commitsFail = new AtomicBoolean();
  final List<Committed<?>> told = new CopyOnWriteArrayList<>();
  GroupCommit commits;
  ExecutorService publishers;

  @BeforeEach
  void open() {
    sql = SqliteStores.open(dir);
    Store store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, (p, m, args) -> {
      if (m.getName().equals("writeGroup")) {
        groups.add(((List<?>) args[0]).size());
        if (commitsFail.get()) throw new StoreUnavailableException("the database went away", null);
      }
      try {
        return m.invoke(sql, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
    publishers = Executors.newVirtualThreadPerTaskExecutor();
    commits = new GroupCommit(store, (work, queuedNanos) -> told.add(work), publishers);
  }

  @AfterEach
  void close() {
    publishers.shutdownNow();
    sql.close();
  }

  private static Event append(WriteTx tx, String data) {
    return tx.appendEvent(new NewEvent(null, null, List.of("t"), data, false, null));
  }

  /** Starts a publish whose work waits for {@code gate}, and waits until the work is running. */
  private Future<Event> blockedPublish(CountDownLatch gate) throws InterruptedException {
    var running = new CountDownLatch(1);
    Future<Event> f = publishers.submit(() -> commits.run(tx -> {
      running.countDown();
      await(gate);
      return append(tx, "first");
    }));
    assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    return f;
  }

  private static void await(CountDownLatch gate) {
    try {
      if (!gate.await(WAIT.toSeconds(), TimeUnit.SECONDS)) throw new IllegalStateException("the gate never opened");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void publishesQueuedWhileACommitRunsShareTheNextOneAndAFailingOneFailsAlone() throws Exception {
    var gate = new CountDownLatch(1);
    Future<Event> first = blockedPublish(gate);
    var refused = new IllegalArgumentException("refused: a 4xx");
    var later = new ArrayList<Future<Event>>();
    for (int i = 0; i < 5; i++) {
      String data = "later-" + i;
      boolean fails = i == 2;
      later.add(publishers.submit(() -> commits.run(tx -> {
        Event e = append(tx, data);
        if (fails) throw refused;
        return e;
      })));
      int queued = i + 1;
      Await.until(() -> commits.queued() == queued, WAIT, queued + " publishes queued");
    }
    gate.countDown();

    assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS).seq()).isEqualTo(1);
    var seqs = new ArrayList<Long>();
    for (int i = 0; i < 5; i++) {
      if (i == 2) {
        var f = later.get(i);
        assertThatThrownBy(() -> f.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isSameAs(refused);
      } else {
        seqs.add(later.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS).seq());
      }
    }
    assertThat(groups).containsExactly(1, 5);
    assertThat(seqs).containsExactly(2L, 3L, 4L, 5L);
    assertThat(told).flatExtracting(Committed::events).extracting(Event::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(sql.eventsAfter(0, 10)).extracting(Event::data)
        .containsExactly("first", "later-0", "later-1", "later-3", "later-4");
  }

  @Test
  void aFailedCommitAnswersEveryPublishOfItsGroupWithTheFailureAndAcknowledgesNone() throws Exception {
    var gate = new CountDownLatch(1);
    Future<Event> first = blockedPublish(gate);
    var later = new ArrayList<Future<Event>>();
    for (int i = 0; i < 3; i++) {
      String data = "lost-" + i;
      later.add(publishers.submit(() -> commits.run(tx -> append(tx, data))));
      int queued = i + 1;
      Await.until(() -> commits.queued() == queued, WAIT, queued + " publishes queued");
    }
    commitsFail.set(true); // from the second group on: the first is already in the store's hands
    gate.countDown();

    assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS).seq()).isEqualTo(1);
    for (var f : later) {
      assertThatThrownBy(() -> f.get(WAIT.toSeconds(), TimeUnit.SECONDS)).cause()
          .isInstanceOf(StoreUnavailableException.class);
    }
    assertThat(groups).containsExactly(1, 3);
    assertThat(told).flatExtracting(Committed::events).extracting(Event::data).containsExactly("first");
    commitsFail.set(false);
    assertThat(commits.run(tx -> append(tx, "after")).seq()).isEqualTo(2);
  }

  @Test
  void aPublisherInterruptedWhileQueuedStillGetsItsAnswerAndKeepsItsInterrupt() throws Exception {
    var gate = new CountDownLatch(1);
    Future<Event> first = blockedPublish(gate);
    var interruptedAfter = new AtomicBoolean();
    var waiter = Thread.ofVirtual().start(() -> {
      Event e = commits.run(tx -> append(tx, "second"));
      interruptedAfter.set(Thread.currentThread().isInterrupted() && e.seq() == 2);
    });
    Await.until(() -> commits.queued() == 1, WAIT, "the second publish queued");
    waiter.interrupt();
    gate.countDown();
    assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS).seq()).isEqualTo(1);
    assertThat(waiter.join(WAIT)).isTrue();
    assertThat(interruptedAfter).isTrue();
  }

  /** Submits {@code work} as an event loop does: the answer arrives as a callback. */
  private <T> CompletableFuture<T> submitted(java.util.function.Function<WriteTx, T> work) {
    var answer = new CompletableFuture<T>();
    commits.submit(work, (value, failure) -> {
      if (failure != null) answer.completeExceptionally(failure);
      else answer.complete(value);
    });
    return answer;
  }

  @Test
  void aSubmittedPublishWithNoOneLeadingGetsALeaderAndIsAnsweredOnceDurable() throws Exception {
    var answered = new CompletableFuture<Boolean>();
    commits.submit(tx -> append(tx, "alone"), (e, failure) ->
        answered.complete(failure == null && e.seq() == 1 && told.size() == 1 && sql.lastSeq() == 1));
    assertThat(answered.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(groups).containsExactly(1);
  }

  @Test
  void publishesSubmittedWhileABlockingOneCommitsShareTheNextGroupInOrderAndAFailingOneFailsAlone() throws Exception {
    var gate = new CountDownLatch(1);
    Future<Event> first = blockedPublish(gate);
    var refused = new IllegalArgumentException("refused: a 4xx");
    var later = new ArrayList<CompletableFuture<Event>>();
    for (int i = 0; i < 3; i++) {
      String data = "later-" + i;
      boolean fails = i == 1;
      later.add(submitted(tx -> {
        Event e = append(tx, data);
        if (fails) throw refused;
        return e;
      }));
    }
    assertThat(commits.queued()).isEqualTo(3);
    gate.countDown();

    assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS).seq()).isEqualTo(1);
    assertThat(later.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS).seq()).isEqualTo(2);
    assertThatThrownBy(() -> later.get(1).get(WAIT.toSeconds(), TimeUnit.SECONDS)).cause().isSameAs(refused);
    assertThat(later.get(2).get(WAIT.toSeconds(), TimeUnit.SECONDS).seq()).isEqualTo(3);
    assertThat(groups).containsExactly(1, 2 + 1);
    assertThat(sql.eventsAfter(0, 10)).extracting(Event::data).containsExactly("first", "later-0", "later-2");
  }

  @Test
  void aBlockingPublishQueuedBehindASubmittedOneIsHandedTheLeadOrCommittedWithIt() throws Exception {
    var gate = new CountDownLatch(1);
    var running = new CountDownLatch(1);
    CompletableFuture<Event> first = submitted(tx -> {
      running.countDown();
      await(gate);
      return append(tx, "submitted");
    });
    assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Future<Event> blocking = publishers.submit(() -> commits.run(tx -> append(tx, "blocking")));
    Await.until(() -> commits.queued() == 1, WAIT, "the blocking publish queued");
    gate.countDown();

    assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS).seq()).isEqualTo(1);
    assertThat(blocking.get(WAIT.toSeconds(), TimeUnit.SECONDS).seq()).isEqualTo(2);
    assertThat(told).flatExtracting(Committed::events).extracting(Event::data).containsExactly("submitted", "blocking");
  }
}
