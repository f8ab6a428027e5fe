package newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The {@link Store} contract, run against every implementation (a subclass each). Each test starts
 * on an empty database; {@link #open()} opens another store on it, as another node would.
 */
public abstract class StoreContract extends StoreNodes<Store> {
  static NewEvent event(String id, String data) {
    return new NewEvent(id, null, List.of("t"), data, false, null);
  }

  static Story story(String slug, String section, StoryStatus status, Instant publishedAt) {
    Instant t = Instant.ofEpochMilli(1_700_000_000_000L);
    return new Story(0, slug, StoryKind.ARTICLE, "Headline " + slug, "0", "Body", "<p>Body</p>", section,
        List.of("a", "b"), List.of("Ann"), status, null, t, publishedAt, t, List.of(), null, null);
  }

  /** An image record as a story or entry keeps it (the files themselves are the ImageStore's). */
  static Image image(String alt) {
    return new Image("0123456789abcdef0123456789abcdef", alt, 800, 600, List.of(
        new Image.Rendition(320, 240, "a".repeat(64) + ".jpg"), new Image.Rendition(800, 600, "b".repeat(64) + ".jpg")));
  }

  // ---- writes: durable, atomic, events in order

  @Test
  void aWriteCommitsItsContentAndEventsTogetherAndReturnsTheEventsInSequenceOrder() {
    Store store = open();
    var committed = store.write(tx -> {
      Story s = tx.insertStory(story("bridge", "city", StoryStatus.PUBLISHED, Instant.now()));
      tx.appendEvent(event(null, "one"));
      tx.appendEvent(event("pub-2", "two"));
      tx.appendEvent(event(null, "three"));
      return s;
    });
    assertThat(committed.value().id()).isPositive();
    assertThat(committed.events()).extracting(Event::data).containsExactly("one", "two", "three");
    long first = committed.events().get(0).seq();
    assertThat(committed.events()).extracting(Event::seq).containsExactly(first, first + 1, first + 2);
    assertThat(committed.events()).extracting(Event::id).containsExactly(Long.toString(first), "pub-2", Long.toString(first + 2));
    assertThat(store.story("bridge")).isPresent();
    assertThat(store.eventsAfter(0, 10)).isEqualTo(committed.events());
    assertThat(store.lastSeq()).isEqualTo(first + 2);
  }

  @Test
  void aWriteThatThrowsCommitsNothingAndLeavesNoHoleInTheSequence() {
    Store store = open();
    long before = store.write(tx -> tx.appendEvent(event(null, "before"))).events().get(0).seq();
    assertThatThrownBy(() -> store.write(tx -> {
      tx.insertStory(story("half", "city", StoryStatus.DRAFT, null));
      tx.appendEvent(event("lost", "half done"));
      throw new IllegalStateException("the work failed");
    })).hasMessage("the work failed");
    assertThat(store.story("half")).isEmpty();
    assertThat(store.seqOfEventId("lost")).isEmpty();
    assertThat(store.lastSeq()).isEqualTo(before);
    assertThat(store.isEmpty()).isTrue();
    var next = store.write(tx -> tx.appendEvent(event(null, "after"))).events().get(0);
    assertThat(next.seq()).isEqualTo(before + 1);
    assertThat(store.eventsAfter(0, 10)).extracting(Event::data).containsExactly("before", "after");
  }

  @Test
  void anEventIdAlreadyInTheLogIsRefusedAndTakesItsWholeTransactionWithIt() {
    Store a = open();
    Store b = open();
    a.write(tx -> tx.appendEvent(event("dup", "first")));
    assertThat(b.write(tx -> tx.eventIdExists("dup")).value()).isTrue();
    assertThat(b.write(tx -> tx.eventIdExists("free")).value()).isFalse();
    // Appended without a check (as after a check that another node overtook): refused as taken.
    assertThatThrownBy(() -> b.write(tx -> {
      tx.appendEvent(event("other", "lost with it"));
      return tx.appendEvent(event("dup", "again"));
    })).isInstanceOfSatisfying(EventIdTakenException.class, e -> assertThat(e.eventId()).isEqualTo("dup"));
    assertThat(a.seqOfEventId("other")).isEmpty();
    b.write(tx -> tx.appendEvent(event("next", "after")));
    assertThat(a.eventsAfter(0, 10)).extracting(Event::data).containsExactly("first", "after");
    assertThat(a.eventsAfter(0, 10)).extracting(Event::seq).containsExactly(1L, 2L);
  }

  // ---- answers to keyed creates

  static StoredAnswer answer(String scope, String key, Instant expiresAt) {
    return new StoredAnswer(scope, key, "f-" + key, 201, "/api/v1/stories/" + key, "{\"slug\":\"" + key + "\"}",
        expiresAt);
  }

  @Test
  void anAnswerStoredWithItsWriteIsFoundByAnotherStoreOnTheDatabaseUntilItExpires() {
    Store a = open();
    Store b = open();
    Instant now = Instant.ofEpochMilli(1_800_000_000_000L);
    var stored = answer("7", "k-1", now.plusSeconds(60));
    a.write(tx -> {
      tx.insertStory(story("k-1", "city", StoryStatus.DRAFT, null));
      tx.storeAnswer(stored);
      return null;
    });
    assertThat(b.write(tx -> tx.storedAnswer("7", "k-1", now)).value()).contains(stored);
    assertThat(b.write(tx -> tx.storedAnswer("7", "k-1", now.plusSeconds(60))).value()).as("on its expiry").contains(stored);
    assertThat(b.write(tx -> tx.storedAnswer("8", "k-1", now)).value()).as("another scope's key").isEmpty();
    assertThat(b.write(tx -> tx.storedAnswer("7", "k-1", now.plusSeconds(61))).value()).as("expired").isEmpty();
    var nullLocation = new StoredAnswer("7", "k-2", "f", 201, null, "{}", now.plusSeconds(60));
    b.write(tx -> {
      tx.storeAnswer(nullLocation);
      return null;
    });
    assertThat(a.write(tx -> tx.storedAnswer("7", "k-2", now)).value()).contains(nullLocation);
  }

  @Test
  void anAnswerIsStoredOnlyIfItsWriteCommits() {
    Store store = open();
    Instant now = Instant.ofEpochMilli(1_800_000_000_000L);
    assertThatThrownBy(() -> store.write(tx -> {
      tx.insertStory(story("lost", "city", StoryStatus.DRAFT, null));
      tx.storeAnswer(answer("7", "lost", now.plusSeconds(60)));
      throw new IllegalStateException("the create failed");
    })).hasMessage("the create failed");
    assertThat(store.write(tx -> tx.storedAnswer("7", "lost", now)).value()).isEmpty();
    assertThat(store.story("lost")).isEmpty();
  }

  @Test
  void expiredAnswersArePrunedAndTheirKeysCanBeUsedAgain() {
    Store store = open();
    Instant now = Instant.ofEpochMilli(1_800_000_000_000L);
    store.write(tx -> {
      tx.storeAnswer(answer("7", "old", now.minusSeconds(1)));
      tx.storeAnswer(answer("7", "new", now.plusSeconds(60)));
      return null;
    });
    var again = new StoredAnswer("7", "old", "f-2", 201, null, "{\"second\":true}", now.plusSeconds(60));
    store.write(tx -> {
      tx.storeAnswer(again); // an expired answer not yet pruned gives way
      return null;
    });
    assertThat(store.write(tx -> tx.storedAnswer("7", "old", now)).value()).contains(again);
    assertThat(store.pruneStoredAnswers(now.plusSeconds(61))).isEqualTo(2);
    assertThat(store.write(tx -> tx.storedAnswer("7", "new", now)).value()).isEmpty();
    store.write(tx -> {
      tx.storeAnswer(answer("7", "gone", now.minusSeconds(1)));
      return null;
    });
    assertThat(store.pruneStoredAnswers(now)).isEqualTo(1);
  }

  @Test
  void anEventKeepsEveryFieldItWasAppendedWith() {
    Store store = open();
    var appended = store.write(tx -> tx.appendEvent(
        new NewEvent("e-1", "story.updated", List.of("https://x/a", "https://x/b"), "{\"n\":1}", true, 2500L)))
        .events().get(0);
    var plain = store.write(tx -> tx.appendEvent(NewEvent.of(null, List.of("t"), "plain"))).events().get(0);
    Event read = store.eventsAfter(0, 1).get(0);
    assertThat(read).isEqualTo(appended);
    assertThat(read.type()).isEqualTo("story.updated");
    assertThat(read.topics()).containsExactly("https://x/a", "https://x/b");
    assertThat(read.privateUpdate()).isTrue();
    assertThat(read.retry()).isEqualTo(2500L);
    assertThat(read.createdAt()).isNotNull();
    assertThat(store.eventsAfter(1, 1).get(0)).isEqualTo(plain);
    assertThat(plain.type()).isEmpty();
    assertThat(plain.retry()).isNull();
    assertThat(plain.privateUpdate()).isFalse();
  }

  // ---- group commit: one transaction, a savepoint per work

  /**
   * From now on, a commit that includes an event with this data fails at COMMIT itself (a deferred
   * constraint of the test's own), so a group's commit can be made to fail after its works ran.
   */
  protected abstract void failCommitsOfEventsWith(String data);

  @Test
  void aGroupWhoseMiddleWorksThrowCommitsTheOthersWithConsecutiveSeqs() {
    Store store = open();
    long before = store.write(tx -> tx.appendEvent(event("taken", "before"))).events().get(0).seq();
    var refused = new IllegalStateException("refused: a 4xx");
    List<Function<WriteTx, ?>> works = List.of(
        tx -> {
          tx.insertStory(story("first", "city", StoryStatus.PUBLISHED, Instant.now()));
          tx.appendEvent(event(null, "a1"));
          return tx.appendEvent(event("a2-id", "a2"));
        },
        tx -> {
          tx.insertStory(story("thrown", "city", StoryStatus.DRAFT, null));
          tx.appendEvent(event("lost-1", "lost"));
          throw refused;
        },
        // A failed statement: on PostgreSQL it aborts the transaction until the savepoint is rolled back to.
        tx -> {
          tx.appendEvent(event("lost-2", "lost too"));
          return tx.appendEvent(event("taken", "again"));
        },
        // Sees every write before it: the earlier works' of the group too, not the rolled-back ones'.
        tx -> List.of(tx.story("first").isPresent(), tx.eventIdExists("a2-id"), tx.story("thrown").isPresent(),
            tx.eventIdExists("lost-1"), tx.appendEvent(event(null, "d")).seq()));
    List<Outcome<?>> outcomes = store.writeGroup(works);

    assertThat(outcomes).hasSize(4);
    assertThat(outcomes.get(0).committed().events()).extracting(Event::seq).containsExactly(before + 1, before + 2);
    assertThat(outcomes.get(1).failure()).isSameAs(refused);
    assertThat(outcomes.get(2).failure()).isInstanceOfSatisfying(EventIdTakenException.class,
        e -> assertThat(e.eventId()).isEqualTo("taken"));
    assertThat(outcomes.get(3).committed().value()).isEqualTo(List.of(true, true, false, false, before + 3));
    assertThat(outcomes.get(3).committed().events()).extracting(Event::data).containsExactly("d");
    assertThat(store.eventsAfter(0, 10)).extracting(Event::data).containsExactly("before", "a1", "a2", "d");
    assertThat(store.eventsAfter(0, 10)).extracting(Event::seq)
        .containsExactly(before, before + 1, before + 2, before + 3);
    assertThat(store.story("first")).isPresent();
    assertThat(store.story("thrown")).isEmpty();
    assertThat(store.seqOfEventId("lost-1")).isEmpty();
    assertThat(store.seqOfEventId("lost-2")).isEmpty();
    assertThat(store.write(tx -> tx.appendEvent(event(null, "next"))).events().get(0).seq()).isEqualTo(before + 4);
  }

  @Test
  void aGroupOfOneAnswersItsWorksFailureAsItsOutcome() {
    Store store = open();
    var refused = new IllegalArgumentException("refused");
    List<Outcome<?>> failed = store.writeGroup(List.of(tx -> {
      tx.appendEvent(event("gone", "gone"));
      throw refused;
    }));
    assertThat(failed).singleElement().satisfies(o -> assertThat(o.failure()).isSameAs(refused));
    List<Outcome<?>> done = store.writeGroup(List.of(tx -> tx.appendEvent(event(null, "kept"))));
    assertThat(done.get(0).committed().events()).extracting(Event::seq).containsExactly(1L);
    assertThat(store.writeGroup(List.of())).isEmpty();
  }

  @Test
  void aGroupWhoseCommitFailsCommitsNoneOfItsWorks() {
    Store store = open();
    long before = store.write(tx -> tx.appendEvent(event(null, "before"))).events().get(0).seq();
    failCommitsOfEventsWith("poison");
    List<Function<WriteTx, ?>> works = List.of(
        tx -> tx.insertStory(story("innocent", "city", StoryStatus.PUBLISHED, Instant.now())),
        tx -> tx.appendEvent(event(null, "poison")),
        tx -> tx.appendEvent(event("innocent-too", "fine")));
    assertThatThrownBy(() -> store.writeGroup(works)).isInstanceOf(StoreException.class);
    assertThat(store.story("innocent")).isEmpty();
    assertThat(store.seqOfEventId("innocent-too")).isEmpty();
    assertThat(store.lastSeq()).isEqualTo(before);
    // The writer goes on: the next group commits, numbered on from the last committed event.
    List<Outcome<?>> next = store.writeGroup(List.of(tx -> tx.appendEvent(event(null, "after")),
        tx -> tx.appendEvent(event(null, "after too"))));
    assertThat(next).extracting(o -> o.committed().events().get(0).seq()).containsExactly(before + 1, before + 2);
  }

  /**
   * Groups from several threads on two nodes, some works failing: every committed work's events are
   * consecutive, a group's committed works follow each other, a reader polling the log never sees
   * a hole, and in the end the log is 1..n, holding exactly the committed events.
   */
  @Test
  void groupsCommittingAtOnceOnTwoNodesGiveOneLogWithoutHoles() throws Exception {
    var committed = new ConcurrentLinkedQueue<Event>();
    List<Event> log = writeOnTwoNodesWhileReading((node, t) -> {
      for (int g = 0; g < 15; g++) {
        var works = new ArrayList<Function<WriteTx, ?>>();
        int size = 1 + g % 4;
        for (int w = 0; w < size; w++) {
          String data = t + "/" + g + "/" + w;
          boolean fails = (g + w) % 3 == 2;
          works.add(tx -> {
            tx.appendEvent(event(null, data + "/0"));
            tx.appendEvent(event(null, data + "/1"));
            if (fails) throw new IllegalStateException("rolled back");
            return data;
          });
        }
        List<Outcome<?>> outcomes = node.writeGroup(works);
        long expectedNext = -1;
        for (int w = 0; w < size; w++) {
          var o = outcomes.get(w);
          if ((g + w) % 3 == 2) {
            assertThat(o.failure()).hasMessage("rolled back");
            continue;
          }
          var seqs = o.committed().events().stream().map(Event::seq).toList();
          if (expectedNext != -1) assertThat(seqs.get(0)).isEqualTo(expectedNext);
          assertThat(seqs.get(1)).isEqualTo(seqs.get(0) + 1);
          expectedNext = seqs.get(1) + 1;
          committed.addAll(o.committed().events());
        }
      }
    });
    int total = committed.size();
    assertThat(log).extracting(Event::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    assertThat(log).containsExactlyInAnyOrderElementsOf(committed);
  }

  // ---- the log: reads, positions, pruning

  @Test
  void eventsAfterPagesThroughTheLogOldestFirst() {
    Store store = open();
    for (int i = 1; i <= 7; i++) {
      String data = "e" + i;
      store.write(tx -> tx.appendEvent(event(null, data)));
    }
    assertThat(store.eventsAfter(0, 3)).extracting(Event::data).containsExactly("e1", "e2", "e3");
    assertThat(store.eventsAfter(3, 3)).extracting(Event::data).containsExactly("e4", "e5", "e6");
    assertThat(store.eventsAfter(6, 3)).extracting(Event::data).containsExactly("e7");
    assertThat(store.eventsAfter(7, 3)).isEmpty();
  }

  @Test
  void seqOfEventIdKnowsPublisherIdsAndPositionsUpToTheNewestEvent() {
    Store store = open();
    assertThat(store.lastSeq()).isZero();
    assertThat(store.seqOfEventId("1")).isEmpty();
    store.write(tx -> tx.appendEvent(event(null, "a")));
    store.write(tx -> tx.appendEvent(event("chosen", "b")));
    assertThat(store.seqOfEventId("chosen")).contains(2L);
    assertThat(store.seqOfEventId("1")).contains(1L);
    assertThat(store.seqOfEventId("2")).contains(2L); // a position, though the event carries a chosen id
    assertThat(store.seqOfEventId("3")).isEmpty();
    assertThat(store.seqOfEventId("unknown")).isEmpty();
    assertThat(store.seqOfEventId("99999999999999999999")).isEmpty();
  }

  @Test
  void pruningDropsTheOldestEventsAndNeverHandsTheirNumbersOutAgain() {
    Store store = open();
    for (int i = 1; i <= 5; i++) {
      String data = "e" + i;
      store.write(tx -> tx.appendEvent(event(null, data)));
    }
    assertThat(store.prunedThrough()).isZero();
    assertThat(store.pruneEvents(2)).isEqualTo(3);
    assertThat(store.prunedThrough()).isEqualTo(3);
    assertThat(store.eventsAfter(0, 10)).extracting(Event::seq).containsExactly(4L, 5L);
    assertThat(store.pruneEvents(2)).isZero();
    assertThat(store.lastSeq()).isEqualTo(5);
    assertThat(store.seqOfEventId("2")).contains(2L); // still a valid position: the client is told of the gap
    assertThat(store.pruneEvents(1)).isEqualTo(1);
    // Another node carries on after the newest.
    Store other = open();
    assertThat(other.lastSeq()).isEqualTo(5);
    assertThat(other.write(tx -> tx.appendEvent(event(null, "e6"))).events().get(0).seq()).isEqualTo(6);
  }

  // ---- tokens

  @Test
  void tokensAreFoundByHashListedInOrderAndRevokedOnce() {
    Store store = open();
    Instant t = Instant.ofEpochMilli(1_700_000_000_123L);
    var editor = store.write(tx -> tx.insertToken(new ApiToken(0, "desk", Role.EDITOR, "h1", t, null))).value();
    var admin = store.write(tx -> tx.insertToken(new ApiToken(0, "root", Role.ADMIN, "h2", t, null))).value();
    assertThat(store.tokenByHash("h1")).contains(editor);
    assertThat(store.tokenByHash("nope")).isEmpty();
    assertThat(store.tokens()).containsExactly(editor, admin);
    assertThat(store.write(tx -> tx.revokeToken(editor.id(), t.plusSeconds(1))).value()).isTrue();
    assertThat(store.write(tx -> tx.revokeToken(editor.id(), t.plusSeconds(2))).value()).isFalse();
    assertThat(store.tokenByHash("h1").orElseThrow().revokedAt()).isEqualTo(t.plusSeconds(1));
    assertThat(store.tokenByHash("h1").orElseThrow().active()).isFalse();
  }

  // ---- stories and entries

  @Test
  void storiesAreQueriedBySectionAndStatusNewestFirstWithACursor() {
    Store store = open();
    assertThat(store.isEmpty()).isTrue();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String slug = "city-" + i;
      Instant published = Instant.ofEpochMilli(1_700_000_000_000L + (5 - i) * 1000L);
      ids.add(store.write(tx -> tx.insertStory(story(slug, "city", StoryStatus.PUBLISHED, published))).value().id());
    }
    store.write(tx -> tx.insertStory(story("draft", "city", StoryStatus.DRAFT, null)));
    store.write(tx -> tx.insertStory(story("sport", "sport", StoryStatus.PUBLISHED, Instant.now())));
    assertThat(store.isEmpty()).isFalse();

    var page = store.stories(new StoryQuery("city", StoryStatus.PUBLISHED, 2, null, false));
    assertThat(page).extracting(Story::slug).containsExactly("city-4", "city-3");
    var next = store.stories(new StoryQuery("city", StoryStatus.PUBLISHED, 2, page.get(1).id(), false));
    assertThat(next).extracting(Story::slug).containsExactly("city-2", "city-1");
    assertThat(store.stories(new StoryQuery(null, java.util.Set.of(), 100, null, false))).hasSize(7);
    assertThat(store.stories(new StoryQuery("city", StoryStatus.DRAFT, 10, null, false)))
        .extracting(Story::slug).containsExactly("draft");
    // By publication time: city-0 was published last.
    assertThat(store.stories(StoryQuery.published("city", 2))).extracting(Story::slug).containsExactly("city-0", "city-1");
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void readableStoriesArePublishedAndRetractedPagedByPublicationTimeWithTiesBrokenById() {
    Store store = open();
    Instant t = Instant.ofEpochMilli(1_700_000_000_000L);
    // Inserted out of publication order; two share a publication time.
    store.write(tx -> tx.insertStory(story("late", "city", StoryStatus.PUBLISHED, t.plusSeconds(30))));
    store.write(tx -> tx.insertStory(story("early", "city", StoryStatus.PUBLISHED, t.plusSeconds(10))));
    store.write(tx -> tx.insertStory(story("tie-a", "city", StoryStatus.RETRACTED, t.plusSeconds(20))));
    store.write(tx -> tx.insertStory(story("tie-b", "city", StoryStatus.PUBLISHED, t.plusSeconds(20))));
    store.write(tx -> tx.insertStory(story("draft", "city", StoryStatus.DRAFT, null)));
    store.write(tx -> tx.insertStory(story("elsewhere", "sport", StoryStatus.PUBLISHED, t.plusSeconds(40))));

    var first = store.stories(StoryQuery.readable("city", 2, null));
    assertThat(first).extracting(Story::slug).containsExactly("late", "tie-b");
    var second = store.stories(StoryQuery.readable("city", 2, first.get(1).id()));
    assertThat(second).extracting(Story::slug).containsExactly("tie-a", "early");
    assertThat(store.stories(StoryQuery.readable("city", 2, second.get(1).id()))).isEmpty();
    assertThat(store.stories(StoryQuery.readable(null, 10, null))).extracting(Story::slug)
        .containsExactly("elsewhere", "late", "tie-b", "tie-a", "early");
    // Links select and page exactly as stories do, with what a sitemap needs.
    var links = store.storyLinks(StoryQuery.readable(null, 3, null));
    assertThat(links).extracting(StoryLink::slug).containsExactly("elsewhere", "late", "tie-b");
    assertThat(store.storyLinks(StoryQuery.readable(null, 3, links.get(2).id()))).extracting(StoryLink::slug)
        .containsExactly("tie-a", "early");
    var late = store.stories(StoryQuery.readable("city", 1, null)).get(0);
    assertThat(links.get(1)).isEqualTo(new StoryLink(late.id(), "late", "city", late.updatedAt()));
  }

  @Test
  void aStoryComesBackAsStoredWithItsCorrectionsAndChanges() {
    Store store = open();
    Story s = store.write(tx -> tx.insertStory(story("flood", "city", StoryStatus.PUBLISHED,
        Instant.ofEpochMilli(1_700_000_001_000L)))).value();
    Story read = store.story("flood").orElseThrow();
    assertThat(read).isEqualTo(s);
    assertThat(read.tags()).containsExactly("a", "b");
    var c = store.write(tx -> tx.insertCorrection(s.id(), new Correction(0, "Fixed a name.", s.createdAt()))).value();
    store.write(tx -> {
      tx.updateStory(new Story(s.id(), s.slug(), s.kind(), "New headline", s.summary(), s.body(), s.bodyHtml(),
          s.section(), List.of("c"), s.authors(), StoryStatus.RETRACTED, "Wrong.", s.createdAt(), s.publishedAt(),
          s.updatedAt().plusSeconds(5), List.of(), null, image("Water over the quay")));
      return null;
    });
    Story changed = store.story("flood").orElseThrow();
    assertThat(changed.leadImage()).as("the lead image is kept whole").isEqualTo(image("Water over the quay"));
    assertThat(changed.headline()).isEqualTo("New headline");
    assertThat(changed.tags()).containsExactly("c");
    assertThat(changed.status()).isEqualTo(StoryStatus.RETRACTED);
    assertThat(changed.retraction()).isEqualTo("Wrong.");
    assertThat(changed.corrections()).containsExactly(c);
    assertThat(store.write(tx -> tx.slugExists("flood")).value()).isTrue();
    assertThat(store.write(tx -> tx.slugExists("drought")).value()).isFalse();
    assertThat(store.write(tx -> tx.story("flood")).value()).contains(changed);
  }

  @Test
  void entriesOfALiveBlogAreKeptInOrderAndChangedInPlace() {
    Store store = open();
    long storyId = store.write(tx -> tx.insertStory(story("live", "politics", StoryStatus.PUBLISHED, Instant.now())))
        .value().id();
    Instant t = Instant.ofEpochMilli(1_700_000_002_000L);
    var first = store.write(tx -> tx.insertEntry(new Entry(0, storyId, "Polls close", "<p>Polls close</p>", "Ann", t,
        null, true, false, false, image("A queue at the polling station")))).value();
    var second = store.write(tx -> tx.insertEntry(new Entry(0, storyId, "Turnout", "<p>Turnout</p>", "Bo", t.plusSeconds(1),
        null, false, true, false, null))).value();
    assertThat(store.entries(storyId)).containsExactly(first, second);
    assertThat(store.entries(storyId).get(0).image()).isEqualTo(image("A queue at the polling station"));
    store.write(tx -> {
      tx.updateEntry(second.asDeleted());
      return null;
    });
    assertThat(store.write(tx -> tx.entry(storyId, second.id())).value()).contains(second.asDeleted());
    assertThat(store.write(tx -> tx.entry(storyId + 1, second.id())).value()).isEmpty();
    assertThat(store.write(tx -> tx.entries(storyId)).value()).containsExactly(first, second.asDeleted());
    assertThat(store.entries(storyId + 1)).isEmpty();
  }

  // ---- several nodes on one database

  @Test
  void writesOfTwoNodesAreSerialisedSoAReadToWriteLosesNoUpdate() throws Exception {
    Store a = open();
    Store b = open();
    a.write(tx -> tx.insertStory(story("counter", "city", StoryStatus.DRAFT, null)));
    int perNode = 20;
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      var futures = new ArrayList<Future<?>>();
      for (Store node : List.of(a, b, a, b)) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perNode / 2; i++) {
            node.write(tx -> {
              Story s = tx.story("counter").orElseThrow();
              tx.updateStory(new Story(s.id(), s.slug(), s.kind(), s.headline(),
                  Integer.toString(Integer.parseInt(s.summary()) + 1), s.body(), s.bodyHtml(), s.section(), s.tags(),
                  s.authors(), s.status(), s.retraction(), s.createdAt(), s.publishedAt(), s.updatedAt(), List.of(), null, null));
              return null;
            });
          }
          return null;
        }));
      }
      for (var f : futures) f.get(60, TimeUnit.SECONDS);
    }
    assertThat(b.story("counter").orElseThrow().summary()).isEqualTo(Integer.toString(2 * perNode));
  }

  /**
   * The ordering guarantee: two nodes commit concurrently, some writes roll back; a reader polling
   * the log never sees a hole (so never seq N + 1 before N), and in the end the log is 1..n.
   */
  @Test
  void twoNodesCommittingAtOnceGiveOneLogWithoutHolesInCommitOrder() throws Exception {
    var committedSeqs = new ConcurrentLinkedQueue<Long>();
    List<Event> log = writeOnTwoNodesWhileReading((node, t) -> {
      for (int i = 0; i < 60; i++) {
        int n = 1 + (i % 3);
        boolean rollBack = i % 5 == 4;
        try {
          var c = node.write(tx -> {
            for (int k = 0; k < n; k++) tx.appendEvent(event(null, t + "/" + k));
            if (rollBack) throw new IllegalStateException("rolled back");
            return null;
          });
          var seqs = c.events().stream().map(Event::seq).toList();
          // One write's events are consecutive: nobody else's land between them.
          assertThat(seqs).isEqualTo(LongStream.range(seqs.get(0), seqs.get(0) + n).boxed().toList());
          committedSeqs.addAll(seqs);
        } catch (IllegalStateException expected) {
          assertThat(rollBack).isTrue();
        }
      }
    });
    long total = committedSeqs.size();
    var oneToTotal = LongStream.rangeClosed(1, total).boxed().toList();
    assertThat(committedSeqs).containsExactlyInAnyOrderElementsOf(oneToTotal);
    assertThat(log).extracting(Event::seq).containsExactlyElementsOf(oneToTotal);
    assertThat(open().lastSeq()).isEqualTo(total);
  }

  /** What each writer thread does, on its node; {@code thread} numbers the four. */
  @FunctionalInterface
  interface Writer {
    void write(Store node, int thread) throws Exception;
  }

  /**
   * Four writer threads, two on each of two nodes, while a third node reads the log as a reader
   * would; fails if the reader ever saw a hole (seq N + 2 before N + 1). Returns every event read,
   * in the order read.
   */
  private List<Event> writeOnTwoNodesWhileReading(Writer writer) throws Exception {
    Store a = open();
    Store b = open();
    Store reader = open();
    var done = new AtomicBoolean();
    var failure = new AtomicReference<String>();
    try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
      Future<List<Event>> seen = pool.submit(() -> {
        var log = new ArrayList<Event>();
        long last = 0;
        while (true) {
          boolean finished = done.get();
          for (Event e : reader.eventsAfter(last, 500)) {
            if (e.seq() != last + 1 && failure.get() == null) failure.set("after " + last + " the log showed " + e.seq());
            last = e.seq();
            log.add(e);
          }
          if (finished) return log;
        }
      });
      var writers = new ArrayList<Future<?>>();
      int thread = 0;
      for (Store node : List.of(a, b, a, b)) {
        int t = thread++;
        writers.add(pool.submit(() -> {
          writer.write(node, t);
          return null;
        }));
      }
      try {
        for (var w : writers) w.get(120, TimeUnit.SECONDS);
      } finally {
        done.set(true); // the reader stops even when a writer failed
      }
      List<Event> log = seen.get(30, TimeUnit.SECONDS);
      assertThat(failure.get()).as("what the reader saw").isNull();
      return log;
    }
  }

  @Test
  void aPublisherChosenIdPublishedOnTwoNodesAtOnceIsCommittedOnceAndTheOtherIsToldItIsTaken() throws Exception {
    Store a = open();
    Store b = open();
    int ids = 40;
    var outcomes = new ConcurrentLinkedQueue<String>();
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      var futures = new ArrayList<Future<?>>();
      for (Store node : List.of(a, b)) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < ids; i++) {
            String id = "same-" + i;
            try {
              // As the Mercure endpoint publishes: check, then append.
              Optional<Event> e = node.write(tx -> tx.eventIdExists(id) ? Optional.<Event>empty()
                  : Optional.of(tx.appendEvent(event(id, "x")))).value();
              outcomes.add(e.isPresent() ? "published" : "taken");
            } catch (EventIdTakenException taken) {
              outcomes.add("taken");
            }
          }
          return null;
        }));
      }
      for (var f : futures) f.get(60, TimeUnit.SECONDS);
    }
    assertThat(outcomes.stream().filter("published"::equals).count()).isEqualTo(ids);
    assertThat(outcomes.stream().filter("taken"::equals).count()).isEqualTo(ids);
    assertThat(a.eventsAfter(0, 2 * ids)).hasSize(ids);
  }
}
