package newsdesk.transport;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import newsdesk.hub.Shard;

/**
 * Visits every connection of one event loop a slice at a time, one loop task per slice, so a
 * periodic job over thousands of connections (heartbeats) never holds the loop for long: a publish
 * arriving meanwhile is answered after one slice, not after the whole sweep. See
 * docs/decisions/0009-heartbeats-and-fan-out-sliced.md.
 */
public final class Sweep {
  private Sweep() {}

  /** Runs {@code visit} on each of {@code items}; call on {@code loop}, which runs the rest. */
  public static <T> void over(List<T> items, Executor loop, Consumer<T> visit) {
    slice(items, 0, loop, visit);
  }

  private static <T> void slice(List<T> items, int from, Executor loop, Consumer<T> visit) {
    int end = Math.min(items.size(), from + Shard.SLICE);
    for (int i = from; i < end; i++) visit.accept(items.get(i));
    if (end < items.size()) loop.execute(() -> slice(items, end, loop, visit));
  }
}
