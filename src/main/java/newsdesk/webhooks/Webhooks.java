package newsdesk.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsdesk.callbacks.CallbackAddresses;
import newsdesk.callbacks.CallbackOutbox;
import newsdesk.callbacks.CallbackRefused;
import newsdesk.callbacks.CallbackRenderer;
import newsdesk.callbacks.CallbackRequest;
import newsdesk.callbacks.EventDispatcher;
import newsdesk.content.ContentJson;
import newsdesk.content.EventTypes;
import newsdesk.store.CallbackDelivery;
import newsdesk.store.CallbackStore;
import newsdesk.store.Event;
import newsdesk.store.Store;
import newsdesk.store.Webhook;
import newsdesk.store.WebhookBody;
import newsdesk.store.WebhookActivity;

/**
 * Outgoing webhooks: URLs an admin registered receive every newsroom event as JSON
 * ({@code {"type", "timestamp", "data"}}, {@code data} as the event stream carries it), signed per
 * Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}),
 * through the durable callback outbox: retried with back-off for a day, a 410 removes the webhook,
 * and the same address rules as WebSub callbacks. Blocks on the store: call from virtual threads.
 */
public final class Webhooks {
  /** How long a delivery is retried before it is given up. */
  static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

  private final CallbackStore store;
  private final CallbackAddresses addresses;
  private final Clock clock;
  private final EventDispatcher dispatcher;
  private CallbackOutbox outbox;

  public Webhooks(Store log, CallbackStore store, CallbackAddresses addresses, Clock clock) {
    this.store = store;
    this.addresses = addresses;
    this.clock = clock;
    this.dispatcher = new EventDispatcher("webhooks", CallbackDelivery.WEBHOOK, log, store, (cursor, from, to, events) -> {
      Instant now = clock.instant();
      return store.queueWebhookDeliveries(cursor, from, to, bodies(events), now, now.plus(GIVE_UP_AFTER));
    }, this::wake);
  }

  /** Registers {@code url} with a new secret, which the caller shows once. */
  public Webhook register(String url) throws CallbackRefused {
    return store.saveWebhook(addresses.check(url).toString(), WebhookSignature.newSecret(), clock.instant());
  }

  public List<Webhook> list() {
    return store.webhooks();
  }

  public boolean delete(long id) {
    return store.deleteWebhook(id);
  }

  /** How each webhook's deliveries stand, by webhook id (none for a webhook nothing was queued for). */
  public Map<Long, WebhookActivity> activity() {
    return store.webhookActivity();
  }

  /** What the outbox sends for {@link CallbackDelivery#WEBHOOK} deliveries. */
  public CallbackRenderer content() {
    return d -> {
      byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
      // The delivery's id is the message id: the same on every retry, so receivers can drop repeats.
      String id = "msg_" + d.id();
      long timestamp = clock.instant().getEpochSecond();
      return Optional.of(new CallbackRequest("application/json", body, Map.of(
          "webhook-id", List.of(id),
          "webhook-timestamp", List.of(Long.toString(timestamp)),
          "webhook-signature", List.of(WebhookSignature.sign(d.secret(), id, timestamp, body)))));
    };
  }

  public void start(CallbackOutbox outbox) {
    this.outbox = outbox;
    dispatcher.start();
  }

  public void stop() {
    dispatcher.stop();
  }

  private void wake() {
    if (outbox != null) outbox.wake();
  }

  /** The newsroom's events among {@code events}, each as its webhook body. */
  private static List<WebhookBody> bodies(List<Event> events) {
    var out = new ArrayList<WebhookBody>();
    for (Event e : events) {
      if (e.privateUpdate() || e.type() == null || !EventTypes.ALL.contains(e.type())) continue;
      ObjectNode n = ContentJson.MAPPER.createObjectNode();
      n.put("type", e.type());
      n.put("timestamp", e.createdAt().toString());
      try {
        n.set("data", ContentJson.MAPPER.readTree(e.data()));
      } catch (JsonProcessingException ex) {
        n.put("data", e.data()); // content always writes JSON; anything else goes as text
      }
      n.put("eventId", e.id());
      out.add(new WebhookBody(n.toString(), e.createdAt()));
    }
    return out;
  }
}
