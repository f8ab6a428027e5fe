package newsdesk.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import newsdesk.hub.Shard;

/**
 * What every subscriber transport keeps about its open connections: the
 * {@code newsdesk.connections.open} gauge and {@code newsdesk.connections.overflowed} counter
 * tagged with the transport, the timer that closes a connection when its token expires, one
 * heartbeat timer per event loop for all of that loop's connections, and closing them all at
 * shutdown.
 *
 * @param <C> one connection, as the transport holds it
 */
public final class Connections<C> {
  private final Vertx vertx;
  private final Duration heartbeat;
  private final Function<Shard, List<C>> onLoop;
  private final Consumer<C> beat;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter overflows;
  private final Set<Shard> loops = ConcurrentHashMap.newKeySet();

  /**
   * @param transport the {@code transport} tag of the meters
   * @param onLoop this transport's connections on a shard's loop, as a list of their own; called
   *     on that loop
   * @param beat the keep-alive for one connection, sent every {@code heartbeat}
   */
  public Connections(Vertx vertx, String transport, Duration heartbeat, MeterRegistry metrics,
      Function<Shard, List<C>> onLoop, Consumer<C> beat) {
    this.vertx = vertx;
    this.heartbeat = heartbeat;
    this.onLoop = onLoop;
    this.beat = beat;
    Gauge.builder("newsdesk.connections.open", open, AtomicInteger::get)
        .description("Open subscriber connections").tag("transport", transport).register(metrics);
    overflows = Counter.builder("newsdesk.connections.overflowed")
        .description("Connections closed because the reader fell behind its buffer")
        .tag("transport", transport).register(metrics);
  }

  public int open() {
    return open.get();
  }

  /** Counts a connection cut off because its reader fell behind its buffer. */
  public void overflowed() {
    overflows.increment();
  }

  /**
   * Counts a connection open on {@code shard}'s loop; call on that loop. The first on a loop
   * starts the loop's heartbeat, whose timer then fires on that loop too.
   *
   * @param expiresAt when the subscriber's token expires and {@code expire} must close the
   *     connection, or null
   * @return what to run once when the connection closes: uncounts it and stops its expiry timer
   */
  public Runnable opened(Shard shard, Instant expiresAt, Runnable expire) {
    if (loops.add(shard)) {
      vertx.setPeriodic(heartbeat.toMillis(), id -> Sweep.over(onLoop.apply(shard), shard.loop(), beat));
    }
    open.incrementAndGet();
    long expiry = expiresAt == null ? -1
        : vertx.setTimer(Math.max(1, expiresAt.toEpochMilli() - System.currentTimeMillis()), id -> expire.run());
    return () -> {
      if (expiry >= 0) vertx.cancelTimer(expiry);
      open.decrementAndGet();
    };
  }

  /** Runs {@code close} on every connection, on its own loop; completes once every loop has. */
  public Future<Void> closeAll(Consumer<C> close) {
    List<Future<Void>> done = new ArrayList<>();
    for (Shard shard : loops) {
      Promise<Void> p = Promise.promise();
      shard.loop().execute(() -> {
        for (C c : onLoop.apply(shard)) close.accept(c);
        p.complete();
      });
      done.add(p.future());
    }
    return Future.all(done).mapEmpty();
  }
}
