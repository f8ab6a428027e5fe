package newsdesk.mercure;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import newsdesk.hub.Hub;
import newsdesk.hub.Presence;
import newsdesk.store.NewEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mercure's active subscriptions, draft-07 form (decision 0166): when a subscription to the
 * Mercure endpoint opens, a private update on
 * {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}} says so for each of its topic
 * selectors, and another when it closes; meanwhile each is held in the cluster's presence registry
 * ({@link Presence#hold}), which the subscription API lists on every node. The updates go through
 * the log like any other (so {@code lastEventID} resumes them, on every node), in order per
 * subscription: the closing one is published only after the opening one.
 */
public final class ActiveSubscriptions {
  private static final Logger log = LoggerFactory.getLogger(ActiveSubscriptions.class);

  private final Hub hub;
  private final Presence presence;
  private final Executor blocking;

  public ActiveSubscriptions(Hub hub, Presence presence, Executor blocking) {
    this.hub = hub;
    this.presence = presence;
    this.blocking = blocking;
  }

  /**
   * A subscription with {@code selectors} opened: announces it and holds it in the registry.
   * Returns what to run when it closes (once). Never blocks.
   */
  public Runnable opened(List<String> selectors) {
    String subscriber = "urn:uuid:" + UUID.randomUUID();
    var releases = new ArrayList<Runnable>(selectors.size());
    for (String s : selectors) {
      var doc = SubscriptionDocuments.subscription(s, subscriber, true, null);
      releases.add(presence.hold(doc.get("id").asText(), doc.toString()));
    }
    CompletableFuture<Void> announced = CompletableFuture.runAsync(() -> announce(selectors, subscriber, true), blocking);
    var closed = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (!closed.compareAndSet(false, true)) return;
      releases.forEach(Runnable::run);
      announced.whenCompleteAsync((v, e) -> announce(selectors, subscriber, false), blocking);
    };
  }

  private void announce(List<String> selectors, String subscriber, boolean active) {
    try {
      hub.publish(tx -> {
        for (String s : selectors) {
          var doc = SubscriptionDocuments.subscription(s, subscriber, active, null);
          tx.appendEvent(new NewEvent(null, null, List.of(doc.get("id").asText()), doc.toString(), true, null));
        }
        return null;
      });
    } catch (RuntimeException e) {
      // A lost announcement is a gap in the subscription events; the API still lists what is open.
      log.warn("announcing a Mercure subscription ({}) failed", active ? "opened" : "closed", e);
    }
  }
}
