package newsdesk.hub;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many subscriptions of this node name each topic exactly, whatever their transport (SSE,
 * Mercure, WebSocket): every shard counts here as it adds and removes subscriptions. A topic with
 * none is not held, so memory follows what is open. Safe from any thread; a count costs one map
 * update, nothing per event.
 */
public final class OpenTopics {
  private final Map<String, Long> counts = new ConcurrentHashMap<>();

  void opened(Set<String> topics) {
    for (String t : topics) counts.merge(t, 1L, Long::sum);
  }

  void closed(Set<String> topics) {
    for (String t : topics) counts.merge(t, -1L, (a, b) -> a + b <= 0 ? null : a + b);
  }

  /** The open subscriptions to {@code topic} on this node. */
  public long count(String topic) {
    return counts.getOrDefault(topic, 0L);
  }

  /** A copy of every non-zero count. */
  public Map<String, Long> snapshot() {
    return Map.copyOf(counts);
  }
}
