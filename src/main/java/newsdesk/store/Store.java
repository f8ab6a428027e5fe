package newsdesk.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The durable store: content, the event log and API tokens. The swap point between the embedded
 * SQLite file and PostgreSQL.
 *
 * <p>Contract: {@link #write} runs its work in one transaction and returns only after the commit is
 * durable; every event appended inside it is committed with the content change or not at all, and
 * comes back in {@link Committed#events()} in sequence order. Callers must not dispatch an event
 * before {@code write} has returned it: a reader could otherwise see an update that a crash then
 * loses. Read methods see only committed state. Writes are serialised, also across stores on
 * one database: a write's work sees every write committed before it, and no other {@code write}
 * commits between its reads and its commit.
 *
 * <p>Ordering, also across several stores on one database (several nodes): event sequence numbers
 * are assigned in commit order with no hole. Every committed event's {@code seq} is exactly one
 * more than the previous committed one's (a write that rolls back leaves no gap), and an event
 * with {@code seq} N is visible to readers no later than any event with a higher {@code seq}. So a
 * reader that has seen N and finds N + 2 may rely on N + 1 being in the log, and
 * {@link #eventsAfter} fills any hole a bus left. See docs/decisions/0100-event-order-across-nodes.md.
 */
public interface Store extends AutoCloseable {

  <T> Committed<T> write(Function<WriteTx, T> work);

  /**
   * Group commit: runs the works in list order in one transaction, each in a savepoint of its own,
   * and commits them together (one commit, one fsync); returns once that commit is durable, one
   * outcome per work in list order. A work that throws is rolled back alone, its writes and its
   * events with it (no hole in the sequence), and its exception is its outcome; the others commit.
   * Each work sees every write before it, earlier works of the group included, and the events of
   * the committed works are consecutive in list order. If the commit itself fails, no work is
   * committed and this throws.
   */
  List<Outcome<?>> writeGroup(List<? extends Function<WriteTx, ?>> works);

  Optional<Story> story(String slug);

  List<Story> stories(StoryQuery query);

  /** The stories {@code query} selects, in its order, as links only (no text, no corrections): cheap to read by the thousand. */
  List<StoryLink> storyLinks(StoryQuery query);

  List<Entry> entries(long storyId);

  /** When the earliest scheduled story is due; empty when none is scheduled. */
  Optional<java.time.Instant> nextScheduled();

  /**
   * The scheduled stories due by {@code now} (their time not after it), the earliest first, at
   * most {@code limit}. Publishing one takes {@link WriteTx#claimScheduled}.
   */
  List<ScheduledStory> dueScheduled(java.time.Instant now, int limit);

  /** Events with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
  List<Event> eventsAfter(long afterSeq, int limit);

  /**
   * The position in the log after the event a client last saw: a publisher-chosen id that the log
   * holds, or an all-digit id (a sequence number) not beyond the newest event. Empty otherwise.
   */
  Optional<Long> seqOfEventId(String eventId);

  /** Highest sequence number ever assigned, 0 when the log is empty. */
  long lastSeq();

  /** Events up to and including this sequence number have been pruned from the history. */
  long prunedThrough();

  /** Drops events beyond the newest {@code keep}; returns how many were removed. */
  int pruneEvents(long keep);

  /** Drops stored answers to keyed creates that expired before {@code now}; returns how many. */
  int pruneStoredAnswers(java.time.Instant now);

  Optional<ApiToken> tokenByHash(String tokenHash);

  List<ApiToken> tokens();

  boolean isEmpty();

  @Override
  void close();
}
