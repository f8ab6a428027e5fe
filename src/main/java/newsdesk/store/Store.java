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
 * loses. Read methods see only committed state.
 */
public interface Store extends AutoCloseable {

  <T> Committed<T> write(Function<WriteTx, T> work);

  Optional<Story> story(String slug);

  List<Story> stories(StoryQuery query);

  List<Entry> entries(long storyId);

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

  Optional<ApiToken> tokenByHash(String tokenHash);

  List<ApiToken> tokens();

  boolean isEmpty();

  @Override
  void close();
}
