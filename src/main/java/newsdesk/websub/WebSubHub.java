package newsdesk.websub;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import newsdesk.callbacks.CallbackAddresses;
import newsdesk.callbacks.CallbackHttp;
import newsdesk.callbacks.CallbackOutbox;
import newsdesk.callbacks.CallbackRefused;
import newsdesk.callbacks.EventDispatcher;
import newsdesk.feeds.FeedTopics;
import newsdesk.http.Blocking;
import newsdesk.http.FormBody;
import newsdesk.http.Problem;
import newsdesk.http.ProblemException;
import newsdesk.store.CallbackDelivery;
import newsdesk.store.CallbackStore;
import newsdesk.store.Event;
import newsdesk.store.Store;
import newsdesk.store.WebSubIntent;

/**
 * The WebSub hub (W3C Recommendation) at {@code /websub}, for our own feeds only. A subscription
 * request ({@code hub.mode=subscribe|unsubscribe}, {@code hub.callback}, {@code hub.topic}, optional
 * {@code hub.lease_seconds} and {@code hub.secret}; other parameters ignored) is checked, answered
 * 202, then verified with the subscriber ({@link Verifier}). Every change to a feed is queued for
 * its subscribers by an {@link EventDispatcher} and sent by the callback outbox with the feed's
 * full content ({@link WebSubContent}). {@code hub.mode=publish} with {@code hub.url} (or
 * {@code hub.topic}) naming one of our feeds queues a delivery of it at once.
 */
public final class WebSubHub {
  public static final String PATH = "/websub";
  static final int MAX_BODY = 16 * 1024;
  /** §5.1: a secret is at most 200 bytes. */
  static final int MAX_SECRET_BYTES = 199;
  private static final String MODE = "hub.mode";

  private final String url;
  private final FeedTopics topics;
  private final CallbackStore callbacks;
  private final CallbackAddresses addresses;
  private final Blocking blocking;
  private final LeasePolicy leases;
  private final Verifier verifier;
  private final EventDispatcher dispatcher;
  private final Clock clock;
  private CallbackOutbox outbox;

  /**
   * @param url this hub's public address (the site's base + {@link #PATH})
   * @param node this node's name, the same across its restarts and unique among the nodes on one store
   */
  public WebSubHub(String url, FeedTopics topics, Store store, CallbackStore callbacks, CallbackHttp http,
      Blocking blocking, LeasePolicy leases, String node, Clock clock) {
    this.url = url;
    this.topics = topics;
    this.callbacks = callbacks;
    this.addresses = http.addresses();
    this.blocking = blocking;
    this.leases = leases;
    this.clock = clock;
    this.verifier = new Verifier(http, callbacks, node, clock);
    // Each batch of events: the feeds they touch, queued for those feeds' subscribers.
    this.dispatcher = new EventDispatcher("websub", CallbackDelivery.WEBSUB, store, callbacks, (cursor, from, to, events) -> {
      var touched = new LinkedHashSet<String>();
      for (Event e : events) touched.addAll(topics.touchedBy(e.topics()));
      return callbacks.queueWebSubDeliveries(cursor, from, to, touched, clock.instant());
    }, this::wake);
  }

  /** What the outbox sends for {@link CallbackDelivery#WEBSUB} deliveries. */
  public newsdesk.callbacks.CallbackRenderer content() {
    return new WebSubContent(topics, url);
  }

  /** Starts verifying stored requests and turning events into deliveries, which {@code outbox} sends. */
  public void start(CallbackOutbox outbox) {
    this.outbox = outbox;
    verifier.start();
    dispatcher.start();
  }

  public void stop() {
    verifier.stop(Duration.ofSeconds(5));
    dispatcher.stop();
  }

  public void mount(Router r) {
    r.post(PATH).handler(ctx -> FormBody.read(ctx, MAX_BODY, form -> handle(ctx, form)));
  }

  private void handle(RoutingContext ctx, MultiMap form) {
    String mode = form.get(MODE);
    if ("subscribe".equals(mode) || "unsubscribe".equals(mode)) {
      // 202 only once the request is durable: a restart before its verification loses nothing.
      blocking.call(() -> subscription(mode, form)).onSuccess(intent -> {
        ctx.response().setStatusCode(202).end();
        verifier.wake();
      }).onFailure(ctx::fail);
    } else if ("publish".equals(mode)) {
      String topic = form.get("hub.url") != null ? form.get("hub.url") : form.get("hub.topic");
      blocking.call(() -> {
        ourTopic(topic, "hub.url");
        callbacks.queueWebSubDeliveries(null, 0, 0, List.of(topic), clock.instant());
        wake();
        return null;
      }).onSuccess(x -> ctx.response().setStatusCode(202).end()).onFailure(ctx::fail);
    } else {
      ctx.fail(refused(MODE, "hub.mode must be subscribe, unsubscribe or publish"));
    }
  }

  /** The request checked and stored (blocks on DNS and the store); throws a 400 problem when it cannot be. */
  private WebSubIntent subscription(String mode, MultiMap form) {
    String topic = form.get("hub.topic");
    ourTopic(topic, "hub.topic");
    URI callback;
    try {
      callback = addresses.check(form.get("hub.callback"));
    } catch (CallbackRefused e) {
      throw refused("hub.callback", e.getMessage());
    }
    String secret = form.get("hub.secret");
    if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
      throw refused("hub.secret", "hub.secret must be less than 200 bytes");
    }
    if (secret != null && secret.isEmpty()) secret = null;
    return callbacks.saveWebSubIntent(mode, callback.toString(), topic, secret,
        leases.grant(form.get("hub.lease_seconds")), clock.instant());
  }

  private void ourTopic(String topic, String field) {
    if (topic == null || topic.isBlank()) throw refused(field, field + " is missing");
    if (topics.render(topic).isEmpty()) {
      throw refused(field, field + " must be one of this site's feeds, e.g. " + topics.example());
    }
  }

  private void wake() {
    if (outbox != null) outbox.wake();
  }

  private static ProblemException refused(String field, String detail) {
    return new ProblemException(Problem.badRequest(field, detail));
  }
}
