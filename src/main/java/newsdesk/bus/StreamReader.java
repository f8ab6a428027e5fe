package newsdesk.bus;

import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every entry of the stream from this node's own position with XREAD BLOCK on a connection of
 * its own (no consumer group: every node must see every event) and offers each to the sequencer.
 * On each (re)connection it first takes the stream's newest entry id, then tells the sequencer the
 * bus is up (which reads the log once), then reads after that id: an entry at or before it was
 * committed before the log read, one after it is read here, so nothing falls between. A lost
 * connection is retried with back-off; meanwhile the sequencer polls the log. Runs on the bus's
 * context.
 */
final class StreamReader {
  private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
  static final int COUNT = 512;
  static final long BLOCK_MILLIS = 2_000;
  /** An XREAD that has not answered this long after its BLOCK ran out is on a dead connection. */
  static final long STALL_MILLIS = 5_000;

  private final Context context;
  private final Redis redis;
  private final RedisBusSettings settings;
  private final Sequencer sequencer;
  private final BusMetrics metrics;
  private final Backoff backoff = new Backoff(100, 5_000);
  private RedisConnection connection;
  private String lastId;
  private boolean up;
  private boolean warned;
  private boolean stopped;

  StreamReader(Context context, Redis redis, RedisBusSettings settings, Sequencer sequencer, BusMetrics metrics) {
    this.context = context;
    this.redis = redis;
    this.settings = settings;
    this.sequencer = sequencer;
    this.metrics = metrics;
  }

  void start() {
    context.runOnContext(v -> connect());
  }

  void stop() {
    context.runOnContext(v -> {
      stopped = true;
      if (connection != null) connection.close();
      connection = null;
    });
  }

  private void connect() {
    if (stopped) return;
    redis.connect().onComplete(ar -> {
      if (ar.failed()) {
        lost(null, ar.cause());
        return;
      }
      RedisConnection c = ar.result();
      if (stopped) {
        c.close();
        return;
      }
      connection = c;
      c.exceptionHandler(t -> lost(c, t));
      c.endHandler(v -> lost(c, null));
      c.send(Request.cmd(Command.XREVRANGE).arg(settings.stream()).arg("+").arg("-").arg("COUNT").arg(1))
          .onComplete(top -> {
            if (top.failed()) {
              lost(c, top.cause());
              return;
            }
            Response entries = top.result();
            lastId = entries == null || entries.size() == 0 ? "0-0" : entries.get(0).get(0).toString();
            connected();
            read(c);
          });
    });
  }

  private void connected() {
    up = true;
    warned = false;
    backoff.reset();
    metrics.connected(true);
    log.info("bus connected: reading stream {} after {}", settings.stream(), lastId);
    sequencer.busUp();
  }

  private void read(RedisConnection c) {
    if (stopped || c != connection) return;
    long stall = context.owner().setTimer(BLOCK_MILLIS + STALL_MILLIS,
        t -> lost(c, new TimeoutException("XREAD did not answer")));
    c.send(Request.cmd(Command.XREAD).arg("COUNT").arg(COUNT).arg("BLOCK").arg(BLOCK_MILLIS)
            .arg("STREAMS").arg(settings.stream()).arg(lastId))
        .onComplete(ar -> {
          context.owner().cancelTimer(stall);
          if (c != connection) return; // the answer of a connection given up already
          if (ar.failed()) {
            lost(c, ar.cause());
            return;
          }
          if (ar.result() != null) for (Response stream : ar.result()) entries(stream.get(1));
          read(c);
        });
  }

  private void entries(Response entries) {
    for (Response entry : entries) {
      lastId = entry.get(0).toString();
      Response fields = entry.get(1);
      long seq = StreamEntries.seq(fields);
      if (seq >= 0 && seq <= sequencer.delivered()) continue; // ours, or delivered from the log already
      try {
        sequencer.offer(StreamEntries.event(fields));
      } catch (IllegalArgumentException e) {
        log.warn("skipping bus entry {}: {}", lastId, e.getMessage()); // the log fills its place
      }
    }
  }

  /** Gives up {@code c} (null: a connection never made) and tries again after a delay. */
  private void lost(RedisConnection c, Throwable cause) {
    if (c != null && c != connection) return; // reported already
    connection = null;
    if (c != null) c.close();
    if (stopped) return;
    if (up) {
      up = false;
      metrics.connected(false);
      sequencer.busDown();
    }
    if (!warned) {
      log.warn("bus connection lost or refused ({}); events come from the log until it is back",
          cause == null ? "closed" : cause.toString());
      warned = true;
    }
    context.owner().setTimer(backoff.next(), t -> connect());
  }
}
