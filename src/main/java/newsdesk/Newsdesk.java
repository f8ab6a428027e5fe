package newsdesk;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import newsdesk.admission.ClientLimits;
import newsdesk.admission.AccessTokens;
import newsdesk.admission.BearerChallenge;
import newsdesk.admission.Draft08Subscribers;
import newsdesk.admission.MercureAuth;
import newsdesk.admission.RateLimits;
import newsdesk.admission.SubscriberGate;
import newsdesk.admission.TrustedProxies;
import newsdesk.auth.DeskSessions;
import newsdesk.auth.Passwords;
import newsdesk.auth.Tokens;
import newsdesk.auth.Users;
import newsdesk.bus.BusMetrics;
import newsdesk.bus.EventBus;
import newsdesk.bus.LocalEventBus;
import newsdesk.bus.Pace;
import newsdesk.bus.RedisBusSettings;
import newsdesk.bus.RedisEventBus;
import newsdesk.config.Config;
import newsdesk.content.ContentService;
import newsdesk.content.PublishScheduler;
import newsdesk.content.SampleContent;
import newsdesk.content.SiteUrls;
import newsdesk.callbacks.CallbackAddresses;
import newsdesk.callbacks.CallbackHttp;
import newsdesk.callbacks.CallbackOutbox;
import newsdesk.feeds.FeedRoutes;
import newsdesk.feeds.FeedTopics;
import newsdesk.feeds.FeedSource;
import newsdesk.feeds.SitemapRoutes;
import newsdesk.desk.DeskGate;
import newsdesk.desk.DeskPresence;
import newsdesk.desk.DeskRoutes;
import newsdesk.desk.DeskTools;
import newsdesk.http.Blocking;
import newsdesk.http.NetworkTransport;
import newsdesk.http.ServerConnections;
import newsdesk.mercure.MercureEndpoint;
import newsdesk.mercure.MercureSettings;
import newsdesk.hub.Fanout;
import newsdesk.hub.Presence;
import newsdesk.mercure.ActiveSubscriptions;
import newsdesk.mercure.SubscriptionApi;
import newsdesk.mercure.SubscriptionApi08;
import newsdesk.hub.Hub;
import newsdesk.hub.HubMetrics;
import newsdesk.push.PushMetrics;
import newsdesk.push.PushOutbox;
import newsdesk.push.PushRoutes;
import newsdesk.push.PushSender;
import newsdesk.push.PushService;
import newsdesk.push.PushSettings;
import newsdesk.push.VapidJwt;
import newsdesk.push.VapidKeys;
import newsdesk.store.CallbackDelivery;
import newsdesk.store.CallbackStore;
import newsdesk.store.PushStore;
import newsdesk.store.Store;
import newsdesk.store.ImageStore;
import newsdesk.images.ImageLimits;
import newsdesk.images.ImageService;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.Stores;
import newsdesk.transport.sse.SseEndpoint;
import newsdesk.transport.sse.SseOptions;
import newsdesk.transport.websocket.WebSocketEndpoint;
import newsdesk.transport.websocket.WsOptions;
import newsdesk.web.Draining;
import newsdesk.web.HttpServers;
import newsdesk.web.HttpVerticle;
import newsdesk.web.Routes;
import newsdesk.webhooks.Webhooks;
import newsdesk.websub.LeasePolicy;
import newsdesk.websub.WebSubHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running server: wires store, hub, content, transports and web, and takes them down again. */
public final class Newsdesk implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Newsdesk.class);
  /** How long a desk sign-in lasts: a working day and then some. */
  static final java.time.Duration DESK_SESSION_LIFE = java.time.Duration.ofHours(12);
  /** How long requests already running at shutdown (a publish waiting for its commit) may take to finish. */
  private static final Duration REQUESTS_GRACE = Duration.ofSeconds(10);
  /** The scheduler's safety net: it looks at the store at least this often, notices or not. */
  private static final Duration SCHEDULE_SWEEP = Duration.ofSeconds(10);

  private final Config config;
  private final Vertx vertx;
  private final Store store;
  private final PushStore pushStore;
  private final CallbackStore callbackStore;
  private final PushService push;
  private final PushSender pushSender;
  private final PushOutbox pushOutbox;
  private final VapidKeys vapidKeys;
  private final Blocking blocking;
  private final EventBus bus;
  private final Hub hub;
  private final Presence presence;
  private final ContentService content;
  private final PublishScheduler scheduler;
  private final ImageStore imageStore;
  private final ImageService images;
  private final Tokens tokens;
  private final Users users;
  private final DeskSessions deskSessions;
  private final CallbackHttp callbackHttp;
  private final CallbackOutbox callbackOutbox;
  private final WebSubHub webSub;
  private final Webhooks webhooks;
  private final SseEndpoint sse;
  private final WebSocketEndpoint ws;
  private final PrometheusMeterRegistry metrics;
  private final RateLimits rateLimits;
  private final Routes routes;
  private final ServerConnections httpConnections;
  private final int port;
  private final long pruneTimer;
  private final Draining draining = new Draining();
  private final HttpServers servers = new HttpServers();

  private Newsdesk(Config config) throws Exception {
    this.config = config;
    Clock clock = Clock.systemUTC();
    // A bad key fails before anything opens.
    var mercureSettings = MercureSettings.from(config.mercure(), new SiteUrls(config.server().publicUrl()).base());
    var proxies = TrustedProxies.parse(config.subscribers().trustedProxies());
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var pushSettings = PushSettings.from(config.push());
    SqlStore sql = Stores.open(config.storage().store(), config.storage().dataDir());
    store = sql;
    pushStore = sql;
    callbackStore = sql.callbacks();
    vapidKeys = VapidKeys.loadOrCreate(pushStore, config.storage().dataDir());
    blocking = new Blocking();
    vertx = NetworkTransport.start(new VertxOptions().setEventLoopPoolSize(config.server().eventLoops()));
    log.info("network transport: {}", NetworkTransport.describe(vertx));
    bus = openBus(config, vertx, store, new BusMetrics(metrics));
    var hubMetrics = new HubMetrics(metrics);
    var fanout = new Fanout(hubMetrics);
    hub = new Hub(store, bus, fanout, hubMetrics, blocking.executor(),
        config.subscribers().maxPending(), config.history().memory());
    // A fresh name per process: a restarted node's old rows lapse with their lease, its new ones start whole.
    presence = new Presence(sql, fanout.openTopics(), nodeName(config) + "#" + java.util.UUID.randomUUID(), clock);
    presence.start();
    var urls = new SiteUrls(config.server().publicUrl());
    var pushMetrics = new PushMetrics(metrics);
    push = new PushService(store, pushStore, urls, pushSettings, pushMetrics, clock);
    imageStore = sql.images(config.storage().dataDir());
    var imageSettings = config.images();
    images = new ImageService(imageStore, new ImageLimits(imageSettings.maxBytes(), imageSettings.maxSide(),
        imageSettings.maxPixels(), imageSettings.decoders()));
    content = new ContentService(hub, sql, urls, clock, push, imageStore::image);
    pushSender = new PushSender(new VapidJwt(vapidKeys, pushSettings.contact(), clock),
        pushSettings.concurrencyPerOrigin(), java.time.Duration.ofSeconds(30));
    pushOutbox = new PushOutbox(pushStore, nodeName(config), pushSender, pushSettings, pushMetrics, clock).start();
    push.attach(pushOutbox);
    if (pushSettings.contact().equals(newsdesk.config.ConfigLoader.DEFAULT_PUSH_CONTACT)) {
      log.warn("push.contact is the default {}; set it to a real mailto: or https: contact in production",
          pushSettings.contact());
    }
    tokens = new Tokens(store, clock);
    if (config.storage().sampleContent() && store.isEmpty()) {
      int n = SampleContent.load(content);
      log.info("empty store: added {} sample stories", n);
    }
    var limits = new ClientLimits(config.subscribers().connectionsPerClient(), proxies);
    rateLimits = new RateLimits(config.limits(), proxies, metrics, System::nanoTime);
    var subscribers = config.subscribers();
    var mercureAuth = new MercureAuth(clock);
    var gate = new SubscriberGate(mercureAuth, mercureSettings.subscriberKey(), mercureSettings.anonymous());
    var accessTokens = new AccessTokens(clock, mercureSettings.audience(), mercureSettings.issuer(),
        mercureSettings.hubUrl(), mercureSettings.jwks());
    var challenge = new BearerChallenge(mercureSettings.metadataUrl());
    var draft08 = new Draft08Subscribers(accessTokens, mercureSettings.subscriberKey(), mercureSettings.anonymous(),
        mercureSettings.hubUrl(), challenge);
    sse = new SseEndpoint(vertx, hub, blocking, new SseOptions(subscribers.heartbeat(), subscribers.maxBufferBytes(),
        subscribers.maxTopics(), subscribers.reconnectMillis()), gate, draft08, limits, metrics);
    var mercure = new MercureEndpoint(hub, blocking, mercureSettings, mercureAuth, accessTokens, challenge,
        rateLimits.publish());
    var trustedOrigins = new java.util.ArrayList<>(config.mercure().corsOrigins());
    trustedOrigins.add(SiteUrls.originOf(config.server().publicUrl()));
    ws = new WebSocketEndpoint(vertx, hub, blocking, new WsOptions(subscribers.heartbeat(), subscribers.maxBufferBytes(),
        subscribers.maxTopics(), config.webSocket().maxSubscriptions(), trustedOrigins), gate, limits, metrics);
    var pushRoutes = new PushRoutes(pushStore, vapidKeys, pushSettings, blocking, clock);
    users = new Users(sql, new Passwords(), clock);
    deskSessions = new DeskSessions(sql, clock, DESK_SESSION_LIFE);
    var deskGate = new DeskGate(deskSessions, config.server().publicUrl());
    var desk = new DeskRoutes(content, users, deskSessions, deskGate, rateLimits.signIn(), proxies, blocking,
        config.server().timeZone(), new DeskPresence(content, presence, deskGate, blocking));
    String hubUrl = urls.base() + WebSubHub.PATH;
    var feedSource = new FeedSource(content);
    var feedRoutes = new FeedRoutes(feedSource, blocking, hubUrl);
    var cb = config.callbacks();
    var addresses = new CallbackAddresses(cb.allowPrivate());
    callbackHttp = new CallbackHttp(vertx, addresses);
    webSub = new WebSubHub(hubUrl, new FeedTopics(feedSource, hubUrl), store, callbackStore, callbackHttp, blocking,
        new LeasePolicy(cb.leaseMinSeconds(), cb.leaseDefaultSeconds(), cb.leaseMaxSeconds()), nodeName(config), clock);
    webhooks = new Webhooks(store, callbackStore, addresses, clock);
    callbackOutbox = new CallbackOutbox(callbackStore, nodeName(config), callbackHttp,
        java.util.Map.of(CallbackDelivery.WEBSUB, webSub.content(), CallbackDelivery.WEBHOOK, webhooks.content()),
        cb.firstRetry(), java.time.Duration.ofMinutes(30), clock).start();
    webSub.start(callbackOutbox);
    webhooks.start(callbackOutbox);
    var deskTools = new DeskTools(content, push, users, tokens, webhooks, deskGate, blocking, rateLimits.publish());
    routes = new Routes(vertx, content, tokens, deskGate, desk, deskTools, sse, mercure, ws, push, pushRoutes, feedRoutes,
        new SitemapRoutes(content, blocking, clock), webSub, webhooks, blocking, metrics, rateLimits, draining, images);
    if (config.mercure().subscriptions()) { // Mercure's active subscriptions (decision 0166)
      var active = new ActiveSubscriptions(hub, presence, blocking.executor());
      sse.watchMercureSubscriptions(active::opened);
      var draft08Api = new SubscriptionApi08(presence, hub, accessTokens, mercureSettings.subscriberKey(), challenge,
          mercureSettings.hubUrl(), blocking);
      new SubscriptionApi(presence, hub, mercureAuth, mercureSettings.subscriberKey(), urls.base(), blocking,
          draft08Api, challenge).mount(routes.router());
    }
    var bound = new java.util.concurrent.atomic.AtomicInteger();
    var cap = config.connections();
    httpConnections = new ServerConnections(cap.max(), new newsdesk.http.BodyLimits(Routes.MAX_BODY_BYTES,
            java.util.Map.of(Routes.IMAGE_UPLOAD, Math.max(Routes.MAX_BODY_BYTES, imageSettings.maxBytes()))), cap.headerTimeout(),
        cap.bodyTimeout(), metrics);
    vertx.deployVerticle(() -> new HttpVerticle(routes, httpConnections, config.server().host(), config.server().port(),
                config.webSocket().maxFrameBytes(), bound, servers),
            new DeploymentOptions().setInstances(config.server().eventLoops()))
        .await(30, TimeUnit.SECONDS);
    port = bound.get();
    // Last, so a story that fell due while no node ran is published by a node that can serve it.
    scheduler = new PublishScheduler(content, store, hub, clock, SCHEDULE_SWEEP,
        new newsdesk.content.ScheduleMetrics(metrics)).start();
    pruneTimer = vertx.setPeriodic(config.history().pruneEvery().toMillis(), id ->
        blocking.executor().execute(this::pruneHistory));
    log.info("Newsdesk listening on http://{}:{} (public URL {}, data {}, store {})", config.server().host(), port,
        config.server().publicUrl(), config.storage().dataDir().toAbsolutePath(),
        config.storage().storeShown());
  }

  /** The in-process bus of one node, or the Redis Streams bus of a cluster when {@code bus} is set. */
  private static EventBus openBus(Config config, Vertx vertx, Store store, BusMetrics metrics) {
    var bus = config.bus();
    if (bus.inProcess()) return new LocalEventBus(store, metrics);
    return new RedisEventBus(vertx, new RedisBusSettings(bus.url(), bus.stream(), bus.maxLength()), store, metrics,
        Pace.CLUSTER);
  }

  /**
   * This node's name among the nodes on one store: the machine and the port, the same when it
   * restarts (so it takes back its own push claims at once) and different for each node.
   */
  private static String nodeName(Config config) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    int port = config.server().port();
    return host + ":" + (port != 0 ? Integer.toString(port) : java.util.UUID.randomUUID().toString());
  }

  public static Newsdesk start(Config config) throws Exception {
    return new Newsdesk(config);
  }

  /** Drops events older than the kept history; a client resuming from before them gets a gap. */
  public void pruneHistory() {
    try {
      int removed = hub.pruneHistory(config.history().keep());
      if (removed > 0) log.info("pruned {} events from the history", removed);
      int alerts = pushStore.prunePushHistory(java.time.Instant.now().minus(java.time.Duration.ofDays(7)));
      if (alerts > 0) log.info("pruned {} finished push alerts", alerts);
      var now = java.time.Instant.now();
      int callbacks = callbackStore.pruneCallbacks(now, now.minus(java.time.Duration.ofDays(7)));
      if (callbacks > 0) log.info("pruned {} expired WebSub subscriptions and finished callback deliveries", callbacks);
      int answers = store.pruneStoredAnswers(java.time.Instant.now());
      if (answers > 0) log.info("pruned {} expired answers to keyed creates", answers);
    } catch (newsdesk.store.StoreUnavailableException e) {
      log.debug("history pruning waits for the store: {}", e.getMessage()); // the store logs the outage once
    } catch (RuntimeException e) {
      log.warn("history pruning failed", e);
    }
  }

  /** Runs {@code task} once on each of this server's event-loop threads and its acceptor thread. */
  public void onEveryLoopThread(Runnable task) {
    newsdesk.http.VertxInternals.onEveryLoopThread(vertx, task);
  }

  public int port() {
    return port;
  }

  public Config config() {
    return config;
  }

  public ContentService content() {
    return content;
  }

  public Tokens tokens() {
    return tokens;
  }

  public Users users() {
    return users;
  }

  public DeskSessions deskSessions() {
    return deskSessions;
  }

  public SseEndpoint sse() {
    return sse;
  }

  /** Every HTTP connection open, counted against {@code limits.max-connections}. */
  public ServerConnections httpConnections() {
    return httpConnections;
  }

  /** How many HTTP connections are open now (readers' streams among them). */
  public int openConnections() {
    return httpConnections.open();
  }

  public WebSocketEndpoint webSockets() {
    return ws;
  }

  public Store store() {
    return store;
  }

  public Hub hub() {
    return hub;
  }

  public PushStore pushStore() {
    return pushStore;
  }

  public CallbackStore callbackStore() {
    return callbackStore;
  }

  public PushService push() {
    return push;
  }

  /** The rate limits, for routes mounted outside {@code web.Routes} (sign-in) and for tests. */
  public RateLimits rateLimits() {
    return rateLimits;
  }

  /** Every route the server answers, as the authorization matrix test enumerates them. */
  public io.vertx.ext.web.Router router() {
    return routes.router();
  }

  public VapidKeys vapidKeys() {
    return vapidKeys;
  }

  /**
   * Graceful stop, in the order that sends readers elsewhere: stop taking requests and connections
   * (the listening socket closes, new requests on open connections answer 503), and only then tell
   * every stream to reconnect and close it, so no reader comes back to this node; then let the
   * requests already running finish, and close the rest.
   */
  @Override
  public void close() {
    vertx.cancelTimer(pruneTimer);
    draining.begin();
    var stopped = servers.shutdown(REQUESTS_GRACE);
    try {
      if (!HttpServers.awaitRefused(config.server().host(), port, Duration.ofSeconds(2))) {
        log.warn("port {} still accepts connections; telling readers to reconnect anyway", port);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      io.vertx.core.Future.all(sse.closeAll(), ws.closeAll()).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("closing subscriber connections did not finish", e);
    }
    try {
      stopped.await(REQUESTS_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("requests still running after {}", REQUESTS_GRACE, e);
    }
    // Callbacks are sent by a Vert.x client: they finish before the event loops stop.
    webSub.stop();
    webhooks.stop();
    callbackOutbox.stop(java.time.Duration.ofSeconds(5));
    callbackHttp.close();
    scheduler.close(); // before the bus its publishes go out on
    presence.close(); // this node's readers leave every count at once, not when its lease lapses
    bus.close(); // before the event loops its Redis connections run on
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("stopping the HTTP server did not finish", e);
    }
    pushOutbox.stop(java.time.Duration.ofSeconds(5));
    pushSender.close();
    blocking.close();
    store.close();
    metrics.close();
    log.info("Newsdesk stopped");
  }
}
