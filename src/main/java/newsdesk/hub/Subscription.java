package newsdesk.hub;

import java.util.ArrayDeque;
import java.util.Set;
import newsdesk.store.Event;

/**
 * One client's interest in some topics, bound to its connection's {@link Sink}. While history is
 * being replayed, live events wait in {@code pending}; after the replay they are sent unless the
 * replay already sent them, so the seam between history and live has no gap and no duplicate.
 * Every method runs on the shard's loop.
 */
public final class Subscription {
  private final Set<String> topics;
  private final Sink sink;
  private final Shard shard;
  private final int maxPending;
  private long lastSeq;
  private ArrayDeque<Delivery> pending;

  Subscription(Set<String> topics, Sink sink, Shard shard, int maxPending, boolean replaying) {
    this.topics = Set.copyOf(topics);
    this.sink = sink;
    this.shard = shard;
    this.maxPending = maxPending;
    this.pending = replaying ? new ArrayDeque<>() : null;
  }

  public Set<String> topics() {
    return topics;
  }

  public Sink sink() {
    return sink;
  }

  boolean matches(Event e) {
    if (e.privateUpdate()) return false;
    for (String t : e.topics()) if (topics.contains(t)) return true;
    return false;
  }

  /** A live event; returns whether it was written now. */
  boolean offer(Delivery d) {
    if (!sink.isOpen() || !matches(d.event())) return false;
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

  void replayed(Delivery d) {
    send(d);
  }

  void finishReplay() {
    var queued = pending;
    pending = null;
    if (queued != null) for (Delivery d : queued) send(d);
  }

  private boolean send(Delivery d) {
    long seq = d.event().seq();
    if (seq <= lastSeq || !sink.isOpen()) return false;
    lastSeq = seq;
    sink.send(d);
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
