package newsdesk.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The subscriptions of one event loop. Exact topics are indexed, so finding an event's audience
 * costs a map lookup per topic; template and {@code *} selectors are grouped, so each distinct
 * selector is matched once per event however many readers share it. Touched only on that loop.
 *
 * <p>Events are written out in slices of {@link #SLICE} subscribers per loop task, in the order
 * they arrived: whatever else the loop has to do (a publisher's acknowledgement, a new reader's
 * handshake) waits for one slice, not for thousands of writes. Events that queue up behind one
 * being written, for the same audience, go out together: one write per subscriber for all of them.
 * See docs/decisions/0009-heartbeats-and-fan-out-sliced.md, 0013-fan-out-shard-per-loop.md and
 * 0020-fan-out-coalesces-queued-events.md.
 */
public final class Shard {
  /**
   * The most connections one loop task writes to or visits before it yields the loop: the fan-out
   * here and the transports' sweeps (heartbeats) alike.
   */
  public static final int SLICE = 512;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Shard.class);

  private final Object key;
  private final Executor loop;
  private final HubMetrics metrics;
  private final OpenTopics open;
  private final Map<String, Set<Subscription>> byTopic = new HashMap<>();
  private final Map<String, PatternGroup> byPattern = new HashMap<>();
  private final Set<Subscription> all = new LinkedHashSet<>();
  private final ArrayDeque<Pass> passes = new ArrayDeque<>();
  private boolean pumping;

  Shard(Object key, Executor loop, HubMetrics metrics, OpenTopics open) {
    this.key = key;
    this.loop = loop;
    this.metrics = metrics;
    this.open = open;
  }

  private record PatternGroup(TopicSelector selector, Set<Subscription> subscriptions) {
    boolean matchesAny(List<String> topics) {
      for (String t : topics) if (selector.matches(t)) return true;
      return false;
    }
  }

  /**
   * Events on their way through one audience, written a slice at a time: one event, or several
   * that queued for the same audience before the pass began (each subscriber gets them in one write).
   */
  private static final class Pass {
    final List<Delivery> deliveries = new ArrayList<>(1);
    final Subscription[] audience;
    long chars;
    int next;
    int delivered;

    Pass(Delivery first, Subscription[] audience) {
      this.audience = audience;
      add(first);
    }

    void add(Delivery d) {
      deliveries.add(d);
      chars += d.event().data().length();
    }

    /** Whether an event bound for {@code others} can join: this pass not begun, not full, that same audience. */
    boolean takes(List<Subscription> others) {
      if (next > 0 || !Delivery.roomForOneMore(deliveries.size(), chars)) return false;
      if (others.size() != audience.length) return false;
      for (int i = 0; i < audience.length; i++) if (audience[i] != others.get(i)) return false;
      return true;
    }
  }

  Object key() {
    return key;
  }

  public Executor loop() {
    return loop;
  }

  void add(Subscription s) {
    if (!all.add(s)) return;
    open.opened(s.exactTopics());
    for (String t : s.exactTopics()) byTopic.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(s);
    for (TopicSelector p : s.patterns()) {
      byPattern.computeIfAbsent(p.key(), k -> new PatternGroup(p, new LinkedHashSet<>())).subscriptions().add(s);
    }
  }

  void remove(Subscription s) {
    if (!all.remove(s)) return;
    open.closed(s.exactTopics());
    for (TopicSelector p : s.patterns()) {
      var group = byPattern.get(p.key());
      if (group != null && group.subscriptions().remove(s) && group.subscriptions().isEmpty()) byPattern.remove(p.key());
    }
    for (String t : s.exactTopics()) {
      var set = byTopic.get(t);
      if (set != null && set.remove(s) && set.isEmpty()) byTopic.remove(t);
    }
  }

  /**
   * Takes the event's audience as it stands now (one array per event, nothing per subscriber)
   * and queues it behind any event still being written, in the last pass if that has not begun
   * and is for the same audience.
   */
  void deliver(Delivery d) {
    long seq = d.event().seq();
    List<String> topics = d.event().topics();
    var audience = new ArrayList<Subscription>();
    for (String t : topics) {
      var subs = byTopic.get(t);
      if (subs == null) continue;
      for (Subscription s : subs) if (s.markOffered(seq)) audience.add(s);
    }
    for (PatternGroup g : byPattern.values()) {
      if (!g.matchesAny(topics)) continue;
      for (Subscription s : g.subscriptions()) if (s.markOffered(seq)) audience.add(s);
    }
    if (audience.isEmpty()) return;
    Pass last = passes.peekLast();
    if (last != null && last.takes(audience)) {
      last.add(d);
      return;
    }
    passes.add(new Pass(d, audience.toArray(new Subscription[0])));
    if (!pumping) {
      pumping = true;
      // As a task of its own, behind whatever the publish queued after handing the event over:
      // its acknowledgement goes out before the first of thousands of writes.
      loop.execute(this::pump);
    }
  }

  private void pump() {
    int budget = SLICE;
    while (budget > 0 && !passes.isEmpty()) {
      Pass p = passes.peek();
      int end = Math.min(p.audience.length, p.next + budget);
      for (int i = p.next; i < end; i++) p.delivered += offer(p.audience[i], p.deliveries);
      budget -= end - p.next;
      p.next = end;
      if (p.next == p.audience.length) {
        passes.poll();
        if (p.delivered > 0) metrics.delivered(p.delivered);
      }
    }
    if (passes.isEmpty()) pumping = false;
    else loop.execute(this::pump);
  }

  /** Returns how many were written now. One failing connection must not cost the rest of the shard its events. */
  private static int offer(Subscription s, List<Delivery> ds) {
    try {
      if (ds.size() == 1) return s.offer(ds.get(0)) ? 1 : 0;
      return s.offerAll(ds);
    } catch (RuntimeException e) {
      log.warn("delivery to one subscriber failed; closing it", e);
      try {
        s.sink().close();
      } catch (RuntimeException ignored) {
        // it is being dropped anyway
      }
      return 0;
    }
  }

  /** Every subscription of this shard; call on the shard's loop. */
  public List<Subscription> subscriptions() {
    return new ArrayList<>(all);
  }

  public int size() {
    return all.size();
  }
}
