package newsdesk.store;

import java.util.List;
import java.util.Optional;

/** Operations inside one write transaction of {@link Store#write}. */
public interface WriteTx {

  Optional<Story> story(String slug);

  List<Entry> entries(long storyId);

  Optional<Entry> entry(long storyId, long entryId);

  /** Inserts a story (its id and corrections are ignored) and returns it as stored. */
  Story insertStory(Story story);

  /** Replaces the story's fields, keyed by id. */
  void updateStory(Story story);

  boolean slugExists(String slug);

  /**
   * Claims the publication of a scheduled story: true for the one transaction that finds the story
   * still {@code SCHEDULED} and due by {@code now}, which takes it off the schedule (its
   * {@code scheduledAt} becomes null) and must then publish it in this same transaction; false for
   * every other, on any node, also when claims run at once. A rollback hands the claim back.
   */
  boolean claimScheduled(long storyId, java.time.Instant now);

  Correction insertCorrection(long storyId, Correction correction);

  /** Keeps a saved version of a story ({@link VersionStore}); it commits with the change or not at all. */
  void insertVersion(StoryVersion version);

  Entry insertEntry(Entry entry);

  void updateEntry(Entry entry);

  /** Whether a publisher-chosen event id is already in the log. */
  boolean eventIdExists(String eventId);

  /**
   * Appends an event to the durable log; it becomes visible with the transaction's commit.
   *
   * @throws EventIdTakenException when the publisher's id is already in the log (another node may
   *     have committed it since {@link #eventIdExists} answered); the transaction is then lost
   */
  Event appendEvent(NewEvent event);

  /**
   * Queues a Web Push alert with one pending delivery per subscription that follows any of its
   * topics, committed with the rest of this transaction: a content change and its alert are
   * durable together or not at all.
   */
  QueuedPushAlert enqueuePush(NewPushAlert alert);

  /**
   * The answer stored for {@code scope} and {@code key}, unless it expired before {@code now}.
   * Writes are serialised (see {@link Store}), so a key found free here is still free when
   * {@link #storeAnswer} stores it in the same transaction.
   */
  Optional<StoredAnswer> storedAnswer(String scope, String key, java.time.Instant now);

  /** Stores the first answer to a keyed create; it commits with the create or not at all. */
  void storeAnswer(StoredAnswer answer);

  ApiToken insertToken(ApiToken token);

  boolean revokeToken(long id, java.time.Instant at);
}
