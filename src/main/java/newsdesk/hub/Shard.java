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

/**
 * The subscriptions of one event loop. Exact topics are indexed, so an event costs a map lookup
 * per topic; subscriptions with templates or {@code *} are tried on every event. Touched only on
 * that loop.
 */
public final class Shard {
  private final Object key;
  private final Executor loop;
  private final HubMetrics metrics;
  private final Map<String, Set<Subscription>> byTopic = new HashMap<>();
  private final Set<Subscription> withPatterns = new LinkedHashSet<>();
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
    for (String t : s.exactTopics()) byTopic.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(s);
    if (s.hasPatterns()) withPatterns.add(s);
  }

  void remove(Subscription s) {
    if (!all.remove(s)) return;
    withPatterns.remove(s);
    for (String t : s.exactTopics()) {
      var set = byTopic.get(t);
      if (set != null && set.remove(s) && set.isEmpty()) byTopic.remove(t);
    }
  }

  void deliver(Delivery d) {
    List<String> topics = d.event().topics();
    int delivered = 0;
    if (topics.size() == 1 && withPatterns.isEmpty()) {
      var subs = byTopic.get(topics.get(0));
      if (subs != null) for (Subscription s : new ArrayList<>(subs)) delivered += s.offer(d) ? 1 : 0;
    } else {
      // A subscription reached through several topics or selectors still gets the event once.
      Set<Subscription> candidates = Collections.newSetFromMap(new IdentityHashMap<>());
      for (String t : topics) {
        var subs = byTopic.get(t);
        if (subs != null) candidates.addAll(subs);
      }
      candidates.addAll(withPatterns);
      for (Subscription s : candidates) delivered += s.offer(d) ? 1 : 0;
    }
    if (delivered > 0) metrics.delivered(delivered);
  }

  /** Every subscription of this shard; call on the shard's loop. */
  public List<Subscription> subscriptions() {
    return new ArrayList<>(all);
  }

  public int size() {
    return all.size();
  }
}
