package newsdesk.bus;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import newsdesk.store.Event;
import newsdesk.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus of a cluster: one Redis stream that every node appends its committed events to (XADD)
 * and reads in full (XREAD). A node's own events reach its listeners at once, through the
 * {@link Sequencer}, which drops them when they come back from Redis; everything from other nodes
 * passes the same sequencer, which orders it and fills holes from the store. Uses the Vert.x Redis
 * client: non-blocking on the event loops Newsdesk already runs, no second network stack.
 */
public final class RedisEventBus implements EventBus {
  private static final Logger log = LoggerFactory.getLogger(RedisEventBus.class);

  private final Listeners listeners = new Listeners();
  private final Redis writes;
  private final Redis reads;
  private final Sequencer sequencer;
  private final StreamWriter writer;
  private final StreamReader reader;

  /** Starts after the store's newest event and connects in the background. Blocks: reads the store once. */
  public RedisEventBus(Vertx vertx, RedisBusSettings settings, Store store, BusMetrics metrics, Pace pace) {
    Context context = vertx.getOrCreateContext();
    var options = new RedisOptions().setConnectionString(settings.url())
        .setPreferredProtocolVersion(ProtocolVersion.RESP2);
    writes = Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(1));
    reads = Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(1));
    metrics.connected(false);
    sequencer = new Sequencer(store, pace, metrics, listeners);
    sequencer.busDown(); // until the reader is connected, the log is polled promptly
    writer = new StreamWriter(context, writes, settings, metrics);
    reader = new StreamReader(context, reads, settings, sequencer, metrics);
    reader.start();
    log.info("bus: {}", settings);
  }

  @Override
  public void publish(Event event) {
    sequencer.offer(event);
    writer.add(event);
  }

  @Override
  public void listen(Consumer<Event> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    reader.stop();
    writer.stop();
    sequencer.close();
    try {
      io.vertx.core.Future.all(reads.close(), writes.close()).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("closing the bus connections did not finish", e);
    }
  }
}
