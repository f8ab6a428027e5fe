package newsdesk.hub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Hands each committed event to every matching subscription. Subscriptions live in shards, one per
 * event loop, so delivery runs on the loop that owns the connection and needs no locks: the
 * publisher's thread only queues one task per shard.
 */
public final class Fanout {
  private final List<Shard> shards = new CopyOnWriteArrayList<>();
  private final HubMetrics metrics;
  private final OpenTopics open = new OpenTopics();

  public Fanout(HubMetrics metrics) {
    this.metrics = metrics;
  }

  /** What every shard's subscriptions name, counted per topic: this node's share of presence. */
  public OpenTopics openTopics() {
    return open;
  }

  /** The shard of the event loop {@code key}; {@code loop} runs tasks on that event loop. */
  public synchronized Shard shard(Object key, Executor loop) {
    for (Shard s : shards) if (s.key() == key) return s;
    var s = new Shard(key, loop, metrics, open);
    shards.add(s);
    return s;
  }

  public List<Shard> shards() {
    return List.copyOf(shards);
  }

  public void dispatch(Delivery delivery) {
    for (Shard s : shards) s.loop().execute(() -> s.deliver(delivery));
  }
}
