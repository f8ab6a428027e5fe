package newsdesk.push;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import newsdesk.bus.LocalEventBus;
import newsdesk.content.ContentService;
import newsdesk.content.SiteUrls;
import newsdesk.hub.Fanout;
import newsdesk.hub.Hub;
import newsdesk.hub.HubMetrics;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.SqliteStores;
import newsdesk.testing.LocalPushService;
import newsdesk.testing.PushSubscriber;

/**
 * Push wired as the server wires it — SQLite store, hub, content rules with the push notifier,
 * sender, outbox — minus HTTP, with back-off short enough for tests, against a local push service.
 */
final class PushFixture implements AutoCloseable {
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final SqlStore store;
  final VapidKeys keys;
  final PushSettings settings;
  final PushMetrics metrics = new PushMetrics(registry);
  final PushService push;
  final ContentService content;
  final LocalPushService service = LocalPushService.start();
  final PushSender sender;
  private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
  PushOutbox outbox;

  PushFixture(Path dir, int maxAttempts) {
    store = SqliteStores.open(dir);
    keys = VapidKeys.loadOrCreate(store, dir);
    settings = new PushSettings("mailto:desk@example.org", true, Duration.ofMinutes(10), maxAttempts, 8,
        Duration.ofMillis(40), Duration.ofMillis(200), 64);
    var hubMetrics = new HubMetrics(registry);
    var hub = new Hub(store, new LocalEventBus(store), new Fanout(hubMetrics), hubMetrics, blocking, 1000, 4096);
    var urls = new SiteUrls(URI.create("https://news.example.org"));
    push = new PushService(store, store, urls, settings, metrics, Clock.systemUTC());
    content = new ContentService(hub, store, urls, Clock.systemUTC(), push);
    sender = new PushSender(new VapidJwt(keys, settings.contact(), Clock.systemUTC()), settings.concurrencyPerOrigin(),
        Duration.ofSeconds(10));
  }

  PushOutbox startOutbox() {
    outbox = new PushOutbox(store, "test-node", sender, settings, metrics, Clock.systemUTC()).start();
    push.attach(outbox);
    return outbox;
  }

  /** A new browser subscription following {@code topics}, stored as the API would store it. */
  String subscribe(PushSubscriber s, String... topics) {
    String endpoint = service.subscribe(s, keys.publicKeyBase64());
    store.savePushSubscription(endpoint, s.p256dh(), s.auth(), java.util.List.of(topics), java.time.Instant.now());
    return endpoint;
  }

  double counter(String name) {
    var c = registry.find(name).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() {
    if (outbox != null) outbox.stop(Duration.ofSeconds(2));
    sender.close();
    service.close();
    blocking.close();
    store.close();
  }
}
