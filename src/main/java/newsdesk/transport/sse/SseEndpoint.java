package newsdesk.transport.sse;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsdesk.admission.ClientLimits;
import newsdesk.admission.Draft08Subscribers;
import newsdesk.admission.SubscriberGate;
import newsdesk.admission.TopicLimits;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;
import newsdesk.hub.Audience;
import newsdesk.hub.Hub;
import newsdesk.hub.ResumePoint;
import newsdesk.hub.Shard;
import newsdesk.hub.Subscription;
import newsdesk.hub.TopicSelector;
import newsdesk.transport.Connections;
import newsdesk.transport.Shards;

/**
 * Server-Sent Events streams: {@code GET /events?topic=…} for reader pages, and the subscribe side
 * of the Mercure endpoint through {@link #subscribe}. Resumes after {@code Last-Event-ID} (header, or
 * the {@code lastEventID} parameter for clients that cannot set headers). One heartbeat timer per
 * event loop serves all of its connections.
 */
public final class SseEndpoint {
  private final Vertx vertx;
  private final Hub hub;
  private final Blocking blocking;
  private final SseOptions options;
  private final SubscriberGate gate;
  private final Draft08Subscribers draft08;
  private final ClientLimits limits;
  private final Connections<SseSink> connections;

  /** @param draft08 admits Mercure draft-08 subscriptions; the rest go through {@code gate} as draft-07 */
  public SseEndpoint(Vertx vertx, Hub hub, Blocking blocking, SseOptions options, SubscriberGate gate,
      Draft08Subscribers draft08, ClientLimits limits, MeterRegistry metrics) {
    this.draft08 = draft08;
    this.vertx = vertx;
    this.hub = hub;
    this.blocking = blocking;
    this.options = options;
    this.gate = gate;
    this.limits = limits;
    this.connections = new Connections<>(vertx, "sse", options.heartbeat(), metrics,
        SseEndpoint::streams, SseSink::heartbeat);
  }

  /** Told of a Mercure subscription as it opens; what it returns runs when it closes. */
  @FunctionalInterface
  public interface MercureWatch {
    /**
     * @param draft08 whether it was opened in draft-08's form (its selectors are matchers)
     * @param payloads the token's payload (JSON) per selector key, for those that have one
     */
    Runnable opened(List<TopicSelector> selectors, boolean draft08, java.util.Map<String, String> payloads);
  }

  private volatile MercureWatch mercureWatch = (s, d, p) -> () -> {};
  private static final java.util.function.Function<List<TopicSelector>, Runnable> NO_WATCH = s -> () -> {};

  /**
   * Has {@code watch} told of every subscription of the Mercure endpoint, draft-07 or draft-08, when
   * it opens; the action it returns runs when the subscription closes. Active subscriptions use it.
   */
  public void watchMercureSubscriptions(MercureWatch watch) {
    mercureWatch = watch;
  }

  public int openConnections() {
    return connections.open();
  }

  public SseOptions options() {
    return options;
  }

  /** {@code GET /events}: anonymous, public updates only. */
  public void handle(HttpServerRequest req) {
    handle(req, Audience.PUBLIC);
  }

  /**
   * A stream for a subscriber the caller has admitted itself, which also hears the private events
   * of exactly {@code privateTopic}: the desk's stream, for a desk session, and the desk's topic.
   */
  public void handleGranting(HttpServerRequest req, String privateTopic) {
    handle(req, Audience.granted(List.of(TopicSelector.of(privateTopic))));
  }

  private void handle(HttpServerRequest req, Audience audience) {
    List<TopicSelector> selectors = TopicLimits.selectors(req, options.maxTopics());
    if (selectors == null) return;
    String lastEventId = TopicLimits.lastEventId(req);
    if (lastEventId == null && req.response().ended()) return;
    open(req, selectors, audience, lastEventId, null, false, NO_WATCH);
  }

  /**
   * The subscribe side of the Mercure endpoint: the same stream, for whoever the gate admits
   * (anonymous, or what a subscriber JWT grants, until it expires).
   */
  public void subscribe(HttpServerRequest req) {
    if (Draft08Subscribers.applies(req)) {
      Draft08Subscribers.Admitted a = draft08.admit(req, options.maxTopics());
      if (a != null) {
        open(req, a.selectors(), a.audience(), a.lastEventId(), a.expiresAt(), true, s -> mercureWatch.opened(s, true, a.payloads()));
      }
      return;
    }
    var selectors = TopicLimits.selectors(req, options.maxTopics());
    if (selectors == null) return;
    String lastEventId = TopicLimits.lastEventId(req);
    if (req.response().ended()) return;
    SubscriberGate.Grant grant = gate.admit(req);
    if (grant == null) return;
    open(req, selectors, grant.audience(), lastEventId, grant.expiresAt(), false, s -> mercureWatch.opened(s, false, java.util.Map.of()));
  }

  /**
   * Opens the stream. Where the client resumes is settled first (it reads the store), because the
   * response's {@code Last-Event-ID} header must name it before the body starts.
   *
   * A client over its connection limit gets 429 before anything else happens.
   *
   * @param expiresAt when the subscriber's token expires and the stream must close, or null
   * @param draft08 names the resume point in {@code Mercure-Last-Event-ID} (draft-08) rather than
   *     {@code Last-Event-ID} (draft-07)
   */
  private void open(HttpServerRequest req, List<TopicSelector> selectors, Audience audience, String lastEventId,
      Instant expiresAt, boolean draft08, java.util.function.Function<List<TopicSelector>, Runnable> watch) {
    ClientLimits.Lease lease = limits.acquire(req);
    if (lease == null) return;
    Context context = vertx.getOrCreateContext();
    if (lastEventId == null) {
      start(req, context, selectors, audience, ResumePoint.LIVE, expiresAt, lease, draft08, watch);
      return;
    }
    req.pause();
    blocking.call(() -> hub.resumePoint(lastEventId))
        .onSuccess(resume -> {
          req.resume();
          start(req, context, selectors, audience, resume, expiresAt, lease, draft08, watch);
        })
        .onFailure(e -> {
          lease.release();
          Problem.of(ProblemType.UNAVAILABLE, "the event history cannot be read right now; retry")
              .send(req.response(), req.path());
        });
  }

  private void start(HttpServerRequest req, Context context, List<TopicSelector> selectors, Audience audience,
      ResumePoint resume, Instant expiresAt, ClientLimits.Lease lease, boolean draft08,
      java.util.function.Function<List<TopicSelector>, Runnable> watch) {
    HttpServerResponse res = req.response();
    if (res.ended() || res.closed()) {
      lease.release();
      return;
    }
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    if (resume.precedingId() != null) res.putHeader(draft08 ? "Mercure-Last-Event-ID" : "Last-Event-ID", resume.precedingId());
    res.setWriteQueueMaxSize(options.maxBufferBytes());
    // An opening comment sends the headers now, so the client's EventSource opens at once.
    res.write(":ok\n\n");

    Shard shard = Shards.of(hub.fanout(), context);
    var sink = new SseSink(req, connections::overflowed);
    Subscription sub = hub.subscribe(shard, selectors, audience, sink, resume);
    Runnable closed = connections.opened(shard, expiresAt, sink::close);
    Runnable unwatched = watch.apply(selectors);
    sink.onClosed(() -> {
      closed.run();
      unwatched.run();
      sub.cancel();
      lease.release();
    });
  }

  /** The SSE streams among a shard's subscriptions; call on the shard's loop. */
  private static List<SseSink> streams(Shard shard) {
    var streams = new ArrayList<SseSink>();
    for (Subscription s : shard.subscriptions()) if (s.sink() instanceof SseSink sse) streams.add(sse);
    return streams;
  }

  /** Sends every client a short {@code retry:} and closes it, so it reconnects elsewhere. */
  public Future<Void> closeAll() {
    return connections.closeAll(sse -> sse.closeWithRetry(options.reconnectMillis()));
  }
}
