package newsdesk.hub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/** The subscriptions of one event loop, indexed by topic. Touched only on that loop. */
public final class Shard {
  private final Object key;
  private final Executor loop;
  private final HubMetrics metrics;
  private final Map<String, Set<Subscription>> byTopic = new HashMap<>();
  private final Set<Subscription> all = Collections.newSetFromMap(new IdentityHashMap<>());

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
    for (String t : s.topics()) byTopic.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(s);
  }

  void remove(Subscription s) {
    if (!all.remove(s)) return;
    for (String t : s.topics()) {
      var set = byTopic.get(t);
      if (set != null && set.remove(s) && set.isEmpty()) byTopic.remove(t);
    }
  }

  void deliver(Delivery d) {
    List<String> topics = d.event().topics();
    int delivered = 0;
    if (topics.size() == 1) {
      var subs = byTopic.get(topics.get(0));
      if (subs != null) for (Subscription s : snapshot(subs)) delivered += s.offer(d) ? 1 : 0;
    } else {
      // A subscription that follows several of the event's topics still gets it once.
      Set<Subscription> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (String t : topics) {
        var subs = byTopic.get(t);
        if (subs == null) continue;
        for (Subscription s : snapshot(subs)) if (seen.add(s)) delivered += s.offer(d) ? 1 : 0;
      }
    }
    if (delivered > 0) metrics.delivered(delivered);
  }

  /** Subscriptions may close while being offered an event; iterate over a copy. */
  private static List<Subscription> snapshot(Set<Subscription> subs) {
    return new ArrayList<>(subs);
  }

  /** Every subscription of this shard; call on the shard's loop. */
  public List<Subscription> subscriptions() {
    return new ArrayList<>(all);
  }

  public int size() {
    return all.size();
  }
}
