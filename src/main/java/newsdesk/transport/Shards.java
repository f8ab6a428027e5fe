package newsdesk.transport;

import io.vertx.core.Context;
import newsdesk.http.VertxInternals;
import newsdesk.hub.Fanout;
import newsdesk.hub.Shard;

/**
 * Finds the hub shard of the event loop a connection runs on. Vert.x hands each request its own
 * duplicate of the loop's context, so the shard is keyed by the context underneath: one shard per
 * server instance's loop, not one per connection (which would cost a task per connection per event).
 */
public final class Shards {
  private Shards() {}

  public static Shard of(Fanout fanout, Context context) {
    Context root = VertxInternals.eventLoopContext(context);
    return fanout.shard(root, task -> root.runOnContext(v -> task.run()));
  }
}
