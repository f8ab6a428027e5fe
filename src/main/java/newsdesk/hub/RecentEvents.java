package newsdesk.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import newsdesk.store.Event;

/**
 * The newest stretch of the event log, in memory, so that clients resuming from a recent
 * {@code Last-Event-ID} are answered without the store. When a connection blip drops thousands of
 * readers at once, they all come back within a second asking for the last few events, which the
 * store would answer a few queries per reader through a small pool. See
 * docs/decisions/0008-recent-events-in-memory.md.
 *
 * <p>Fed with every event in sequence order as it leaves the bus, so once it holds an event it
 * holds every later one: a resume from any event it holds can be answered from here alone. Bounded
 * by count and by bytes; the oldest go first. Thread-safe: fed by the publisher's thread, read by
 * the virtual threads that open subscriptions.
 */
public final class RecentEvents {
  private static final int OVERHEAD_BYTES = 160; // record, list, strings' headers: roughly

  private final int maxEvents;
  private final long maxBytes;
  private final Delivery[] ring;
  private final Map<String, Long> seqById = new HashMap<>();
  private int head; // index of the oldest
  private int size;
  private long bytes;

  /** {@code maxEvents} 0 holds nothing: every resume reads the store. */
  public RecentEvents(int maxEvents, long maxBytes) {
    if (maxEvents < 0) throw new IllegalArgumentException("maxEvents must not be negative");
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    this.ring = new Delivery[maxEvents];
  }

  /** Appends the next event of the log; its seq must be above every one held. */
  public synchronized void add(Delivery d) {
    if (maxEvents == 0) return;
    Event e = d.event();
    if (size > 0 && e.seq() <= at(size - 1).seq()) return; // seen already (a replayed bus entry)
    long cost = cost(e);
    while (size > 0 && (size == maxEvents || bytes + cost > maxBytes)) dropOldest();
    if (cost > maxBytes) return; // larger than the whole window: the store answers for it
    ring[(head + size) % maxEvents] = d;
    size++;
    bytes += cost;
    seqById.put(e.id(), e.seq());
  }

  /** The seq of the event with this id, if it is held. */
  public synchronized OptionalLong seqOf(String id) {
    Long seq = seqById.get(id);
    return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
  }

  /**
   * Up to {@code limit} events after {@code afterSeq}, oldest first; null when events after it may
   * have been dropped already (it is older than the oldest held), so the store must answer.
   */
  public synchronized List<Delivery> after(long afterSeq, int limit) {
    if (size == 0 || afterSeq < at(0).seq()) return null;
    int from = firstAbove(afterSeq);
    int to = Math.min(size, from + limit);
    var out = new ArrayList<Delivery>(Math.max(0, to - from));
    for (int i = from; i < to; i++) out.add(held(i));
    return out;
  }

  /** Forgets events up to and including {@code seq}, after the store pruned them. */
  public synchronized void dropThrough(long seq) {
    while (size > 0 && at(0).seq() <= seq) dropOldest();
  }

  public synchronized int size() {
    return size;
  }

  /** The i-th held delivery, oldest first. */
  private Delivery held(int i) {
    return ring[(head + i) % maxEvents];
  }

  private Event at(int i) {
    return held(i).event();
  }

  /** Index of the first held event whose seq is above {@code seq} (size if none). */
  private int firstAbove(long seq) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (at(mid).seq() <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private void dropOldest() {
    Event e = at(0);
    ring[head] = null;
    head = (head + 1) % maxEvents;
    size--;
    bytes -= cost(e);
    seqById.remove(e.id(), e.seq());
  }

  /** The event's strings plus room for the wire encodings (SSE, WebSocket) its delivery keeps. */
  private static long cost(Event e) {
    long c = OVERHEAD_BYTES + 4L * e.data().length() + 2L * e.id().length();
    for (String t : e.topics()) c += 40 + 2L * t.length();
    return c;
  }
}
