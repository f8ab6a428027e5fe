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
 * handshake) waits for one slice, not for thousands of writes. See
 * docs/decisions/0009-heartbeats-and-fan-out-sliced.md and 0013-fan-out-shard-per-loop.md.
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

  /** One event on its way through this shard's audience, written a slice at a time. */
  private static final class Pass {
    final Delivery delivery;
    final Subscription[] audience;
    int next;
    int delivered;

    Pass(Delivery delivery, Subscription[] audience) {
      this.delivery = delivery;
      this.audience = audience;
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
   * and queues it behind any event still being written.
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
      for (int i = p.next; i < end; i++) if (offer(p.audience[i], p.delivery)) p.delivered++;
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

  /** One failing connection must not cost the rest of the shard its event. */
  private static boolean offer(Subscription s, Delivery d) {
    try {
      return s.offer(d);
    } catch (RuntimeException e) {
      log.warn("delivery to one subscriber failed; closing it", e);
      try {
        s.sink().close();
      } catch (RuntimeException ignored) {
        // it is being dropped anyway
      }
      return false;
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
