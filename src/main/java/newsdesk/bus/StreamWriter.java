package newsdesk.bus;

import io.vertx.core.Context;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import newsdesk.store.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends this node's committed events to the stream. Callers on any thread only queue; the XADDs
 * go out from the bus's own context on a connection of the writer's own, pipelined in batches (one
 * round trip for whatever queued meanwhile). A
 * failed batch is sent again after a growing delay, oldest first, never silently dropped: only past
 * {@link #MAX_WAITING} waiting events are the oldest given up, counted and logged, and other nodes
 * still get them from the log through their sequencers.
 */
final class StreamWriter {
  private static final Logger log = LoggerFactory.getLogger(StreamWriter.class);
  static final int BATCH = 256;
  static final int MAX_BATCHES_IN_FLIGHT = 4;
  static final int MAX_WAITING = 100_000;

  private final Context context;
  private final Redis redis;
  private final RedisBusSettings settings;
  private final BusMetrics metrics;
  private final ConcurrentLinkedQueue<Event> incoming = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  // Touched on the context only:
  private final PriorityQueue<Event> waiting = new PriorityQueue<>(Comparator.comparingLong(Event::seq));
  private final Backoff backoff = new Backoff(100, 5_000);
  private RedisConnection connection;
  private boolean connecting;
  private int inFlight;
  private boolean backingOff;
  private boolean failing;
  private boolean stopped;

  StreamWriter(Context context, Redis redis, RedisBusSettings settings, BusMetrics metrics) {
    this.context = context;
    this.redis = redis;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** Queues an event for the stream. Never blocks. */
  void add(Event e) {
    incoming.add(e);
    if (drainQueued.compareAndSet(false, true)) context.runOnContext(v -> {
      drainQueued.set(false);
      pump();
    });
  }

  void stop() {
    context.runOnContext(v -> {
      stopped = true;
      if (connection != null) connection.close();
      int left = waiting.size() + incoming.size();
      if (left > 0) log.info("stopping with {} events not sent to the bus; other nodes read them from the log", left);
    });
  }

  private void pump() {
    for (Event e; (e = incoming.poll()) != null; ) waiting.add(e);
    giveUpBeyondBound();
    if (stopped || backingOff || waiting.isEmpty()) return;
    if (connection == null) {
      connect();
      return;
    }
    while (inFlight < MAX_BATCHES_IN_FLIGHT && !waiting.isEmpty()) {
      List<Event> batch = new ArrayList<>(Math.min(BATCH, waiting.size()));
      while (batch.size() < BATCH && !waiting.isEmpty()) batch.add(waiting.poll());
      send(batch);
    }
  }

  private void connect() {
    if (connecting) return;
    connecting = true;
    redis.connect().onComplete(ar -> {
      connecting = false;
      if (ar.failed()) {
        retryLater(ar.cause());
        return;
      }
      RedisConnection c = ar.result();
      if (stopped) {
        c.close();
        return;
      }
      connection = c;
      c.exceptionHandler(t -> drop(c));
      c.endHandler(v -> drop(c));
      pump();
    });
  }

  /** Forgets a broken connection; the batches in flight on it fail and are queued again. */
  private void drop(RedisConnection c) {
    if (c != connection) return;
    connection = null;
    c.close();
  }

  private void send(List<Event> batch) {
    List<Request> requests = new ArrayList<>(batch.size());
    for (Event e : batch) requests.add(StreamEntries.xadd(settings, e));
    inFlight++;
    RedisConnection c = connection;
    c.batch(requests).onComplete(ar -> {
      inFlight--;
      if (ar.succeeded()) {
        backoff.reset();
        if (failing) log.info("the bus takes events again");
        failing = false;
      } else {
        drop(c);
        failed(batch, ar.cause());
      }
      pump();
    });
  }

  /** The whole batch goes again (one that was stored twice is dropped by every sequencer). */
  private void failed(List<Event> batch, Throwable cause) {
    waiting.addAll(batch);
    retryLater(cause);
  }

  private void retryLater(Throwable cause) {
    metrics.publishFailed();
    if (!failing) log.warn("appending to the bus failed ({}); retrying with back-off", cause.toString());
    failing = true;
    if (backingOff || stopped) return;
    backingOff = true;
    context.owner().setTimer(backoff.next(), t -> {
      backingOff = false;
      pump();
    });
  }

  private void giveUpBeyondBound() {
    int over = waiting.size() - MAX_WAITING;
    if (over <= 0) return;
    for (int i = 0; i < over; i++) waiting.poll();
    metrics.publishDropped(over);
    log.warn("gave up {} events waiting for the bus (more than {} waited); other nodes read them from the log",
        over, MAX_WAITING);
  }
}
