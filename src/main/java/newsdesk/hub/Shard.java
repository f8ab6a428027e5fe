package newsdesk.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The subscriptions of one event loop. Exact topics are indexed, so an event costs a map lookup
 * per topic; subscriptions with templates or {@code *} are tried on every event. Touched only on
 * that loop.
 *
 * <p>Delivering an event allocates nothing per subscription: the index is iterated in place
 * (a subscription that closes meanwhile is removed once the event is through), and a
 * subscription reached through several of the event's topics is recognised by the sequence number
 * it was last offered rather than by a set built per event.
 */
public final class Shard {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Shard.class);
  private final Object key;
  private final Executor loop;
  private final HubMetrics metrics;
  private final Map<String, Set<Subscription>> byTopic = new HashMap<>();
  // Subscriptions with a template or "*", grouped by selector: thousands of readers of one page
  // share a selector, which is then matched once per event, not once per reader.
  private final Map<String, PatternGroup> byPattern = new HashMap<>();
  private final Set<Subscription> all = new LinkedHashSet<>();
  private boolean delivering;
  private final List<Subscription> removedWhileDelivering = new ArrayList<>();

  Shard(Object key, Executor loop, HubMetrics metrics) {
    this.key = key;
    this.loop = loop;
    this.metrics = metrics;
  }

  Object key() {
    return key;
  }

  public Executor loop() {
    return loop;
  }

  void add(Subscription s) {
    all.add(s);
    for (String t : s.exactTopics()) byTopic.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(s);
    for (TopicSelector p : s.patterns()) {
      byPattern.computeIfAbsent(p.value(), k -> new PatternGroup(p, new LinkedHashSet<>())).subscriptions().add(s);
    }
  }

  private record PatternGroup(TopicSelector selector, Set<Subscription> subscriptions) {
    boolean matchesAny(java.util.List<String> topics) {
      for (String t : topics) if (selector.matches(t)) return true;
      return false;
    }
  }

  void remove(Subscription s) {
    if (delivering) {
      removedWhileDelivering.add(s);
      return;
    }
    if (!all.remove(s)) return;
    for (TopicSelector p : s.patterns()) {
      var group = byPattern.get(p.value());
      if (group != null && group.subscriptions().remove(s) && group.subscriptions().isEmpty()) byPattern.remove(p.value());
    }
    for (String t : s.exactTopics()) {
      var set = byTopic.get(t);
      if (set != null && set.remove(s) && set.isEmpty()) byTopic.remove(t);
    }
  }

  void deliver(Delivery d) {
    long seq = d.event().seq();
    int delivered = 0;
    delivering = true;
    try {
      for (String t : d.event().topics()) {
        var subs = byTopic.get(t);
        if (subs == null) continue;
        for (Subscription s : subs) {
          if (s.markOffered(seq) && offer(s, d)) delivered++;
        }
      }
      for (PatternGroup g : byPattern.values()) {
        if (!g.matchesAny(d.event().topics())) continue;
        for (Subscription s : g.subscriptions()) {
          if (s.markOffered(seq) && offer(s, d)) delivered++;
        }
      }
    } finally {
      delivering = false;
    }
    if (!removedWhileDelivering.isEmpty()) {
      var removed = new ArrayList<>(removedWhileDelivering);
      removedWhileDelivering.clear();
      removed.forEach(this::remove);
    }
    if (delivered > 0) metrics.delivered(delivered);
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
