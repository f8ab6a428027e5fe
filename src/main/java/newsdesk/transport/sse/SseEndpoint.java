package newsdesk.transport.sse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import newsdesk.http.Problem;
import newsdesk.hub.Hub;
import newsdesk.hub.Shard;
import newsdesk.hub.Subscription;

/**
 * {@code GET /events?topic=…}: a Server-Sent Events stream of the given topics, resuming after
 * {@code Last-Event-ID} (header, or the {@code lastEventID} parameter for clients that cannot set
 * headers). One heartbeat timer per event loop serves all of its connections.
 */
public final class SseEndpoint {
  private static final int MAX_ID_LENGTH = 256;
  private static final int MAX_TOPIC_LENGTH = 2_048;

  private final Vertx vertx;
  private final Hub hub;
  private final SseOptions options;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter overflows;
  private final Set<Shard> heartbeating = ConcurrentHashMap.newKeySet();

  public SseEndpoint(Vertx vertx, Hub hub, SseOptions options, MeterRegistry metrics) {
    this.vertx = vertx;
    this.hub = hub;
    this.options = options;
    Gauge.builder("newsdesk.connections.open", open, AtomicInteger::get)
        .description("Open subscriber connections").tag("transport", "sse").register(metrics);
    overflows = Counter.builder("newsdesk.connections.overflowed")
        .description("Connections closed because the reader fell behind its buffer")
        .tag("transport", "sse").register(metrics);
  }

  public int openConnections() {
    return open.get();
  }

  public void handle(HttpServerRequest req) {
    var topics = new LinkedHashSet<String>();
    for (String t : req.params().getAll("topic")) {
      if (t.isBlank() || t.length() > MAX_TOPIC_LENGTH) {
        Problem.badRequest("topic", "a topic must be 1 to " + MAX_TOPIC_LENGTH + " characters").send(req.response(), req.path());
        return;
      }
      topics.add(t);
    }
    if (topics.isEmpty()) {
      Problem.badRequest("topic", "give at least one topic parameter, e.g. ?topic=<page URL>").send(req.response(), req.path());
      return;
    }
    if (topics.size() > options.maxTopics()) {
      Problem.badRequest("topic", "at most " + options.maxTopics() + " topics per connection").send(req.response(), req.path());
      return;
    }
    String lastEventId = req.getHeader("Last-Event-ID");
    if (lastEventId == null) lastEventId = req.getParam("lastEventID");
    if (lastEventId != null && lastEventId.isEmpty()) lastEventId = null;
    if (lastEventId != null && lastEventId.length() > MAX_ID_LENGTH) {
      Problem.badRequest("Last-Event-ID", "an event id is at most " + MAX_ID_LENGTH + " characters").send(req.response(), req.path());
      return;
    }

    HttpServerResponse res = req.response();
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    res.setWriteQueueMaxSize(options.maxBufferBytes());
    // An opening comment sends the headers now, so the client's EventSource opens at once.
    res.write(":ok\n\n");

    Context context = vertx.getOrCreateContext();
    Shard shard = hub.fanout().shard(context, task -> context.runOnContext(v -> task.run()));
    startHeartbeat(shard);
    var sink = new SseSink(req, overflows::increment);
    Subscription sub = hub.subscribe(shard, topics, sink, lastEventId);
    open.incrementAndGet();
    sink.onClosed(() -> {
      sub.cancel();
      open.decrementAndGet();
    });
  }

  private void startHeartbeat(Shard shard) {
    if (!heartbeating.add(shard)) return;
    // Called on the shard's loop, so the timer fires there too.
    vertx.setPeriodic(options.heartbeat().toMillis(), id -> {
      for (Subscription s : shard.subscriptions()) s.sink().heartbeat();
    });
  }

  /** Sends every client a short {@code retry:} and closes it, so it reconnects elsewhere. */
  public Future<Void> closeAll() {
    List<Future<Void>> done = new ArrayList<>();
    for (Shard shard : hub.fanout().shards()) {
      Promise<Void> p = Promise.promise();
      shard.loop().execute(() -> {
        for (Subscription s : shard.subscriptions()) {
          if (s.sink() instanceof SseSink sse) sse.closeWithRetry(options.reconnectMillis());
        }
        p.complete();
      });
      done.add(p.future());
    }
    return Future.all(done).mapEmpty();
  }
}
