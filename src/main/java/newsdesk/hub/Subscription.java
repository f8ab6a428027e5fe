package newsdesk.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import newsdesk.store.Event;

/**
 * One client's interest in some topic selectors, bound to its connection's {@link Sink}. While
 * history is being replayed, live events wait in {@code pending}; after the replay they are sent
 * unless the replay already sent them, so the seam between history and live has no gap and no
 * duplicate. Every method runs on the shard's loop.
 */
public final class Subscription {
  // Immutable copies: one or two topics take 24 bytes instead of a HashSet's ~180, for each of
  // tens of thousands of subscribers.
  private final Set<String> exact;
  private final List<TopicSelector> patterns;
  private final Audience audience;
  private final Sink sink;
  private final Shard shard;
  private final int maxPending;
  private long lastSeq;
  private long offeredSeq = -1;
  private ArrayDeque<Delivery> pending;

  Subscription(List<TopicSelector> selectors, Audience audience, Sink sink, Shard shard, int maxPending,
      boolean replaying) {
    var exactTopics = new HashSet<String>();
    var patternSelectors = new ArrayList<TopicSelector>();
    for (TopicSelector s : selectors) {
      if (s.isExact()) exactTopics.add(s.value());
      else patternSelectors.add(s);
    }
    this.exact = Set.copyOf(exactTopics);
    this.patterns = List.copyOf(patternSelectors);
    this.audience = audience;
    this.sink = sink;
    this.shard = shard;
    this.maxPending = maxPending;
    this.pending = replaying ? new ArrayDeque<>() : null;
  }

  /** Topics this subscription names exactly; the shard indexes it under each. */
  Set<String> exactTopics() {
    return exact;
  }

  /** Selectors that are templates or {@code *}: the shard tries them on every event. */
  List<TopicSelector> patterns() {
    return patterns;
  }

  public Sink sink() {
    return sink;
  }

  private boolean matches(Event e) {
    if (!audience.mayReceive(e)) return false;
    for (String t : e.topics()) {
      if (exact.contains(t)) return true;
      for (TopicSelector p : patterns) if (p.matches(t)) return true;
    }
    return false;
  }

  /** Marks the event with this sequence number as offered; false if it already was. */
  boolean markOffered(long seq) {
    if (offeredSeq == seq) return false;
    offeredSeq = seq;
    return true;
  }

  /**
   * A live event one of whose topics the shard found to match this subscription's selectors, so
   * only the audience is left to check. Returns whether it was written now.
   */
  boolean offer(Delivery d) {
    if (!sink.isOpen() || !audience.mayReceive(d.event())) return false;
    if (pending != null) {
      if (pending.size() >= maxPending) {
        sink.close(); // the client resumes from its last id
        return false;
      }
      pending.add(d);
      return false;
    }
    return send(d);
  }

  /**
   * Live events the shard found for this subscription, in order, taken as {@link #offer} takes
   * each; the ones to write now go out in one write. Returns how many were written now.
   */
  int offerAll(List<Delivery> ds) {
    if (pending != null || !sink.isOpen()) {
      for (Delivery d : ds) offer(d);
      return 0;
    }
    return sendNew(ds, true);
  }

  /** History for this subscription, oldest first: the ones it matches and has not had go out in one write. */
  void replayed(List<Delivery> page) {
    sendNew(page, false);
  }

  /**
   * Sends, in one write, those of {@code ds} this subscription takes and has not sent yet; with
   * {@code topicsMatched} the shard has already found their topics, so only the audience is left
   * to check. Returns how many went out.
   */
  private int sendNew(List<Delivery> ds, boolean topicsMatched) {
    List<Delivery> batch = ds; // a copy only once one of them is left out
    for (int i = 0; i < ds.size(); i++) {
      Event e = ds.get(i).event();
      boolean take = (topicsMatched ? audience.mayReceive(e) : matches(e)) && advance(e.seq());
      if (!take && batch == ds) batch = new ArrayList<>(ds.subList(0, i));
      else if (take && batch != ds) batch.add(ds.get(i));
    }
    if (batch.isEmpty() || !sink.isOpen()) return 0;
    sink.sendAll(batch);
    return batch.size();
  }

  void finishReplay() {
    var queued = pending;
    pending = null;
    if (queued != null) for (Delivery d : queued) send(d);
  }

  private boolean send(Delivery d) {
    if (!sink.isOpen() || !advance(d.event().seq())) return false;
    sink.send(d);
    return true;
  }

  /** Moves past {@code seq} unless this subscription already sent it (or something later): no duplicate. */
  private boolean advance(long seq) {
    if (seq <= lastSeq) return false;
    lastSeq = seq;
    return true;
  }

  void startAfter(long seq) {
    lastSeq = Math.max(lastSeq, seq);
  }

  /** Stops delivery; call when the connection has closed. */
  public void cancel() {
    shard.remove(this);
    pending = null;
  }
}
