package newsdesk.mercure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import newsdesk.hub.Hub;
import newsdesk.hub.Presence;
import newsdesk.hub.TopicSelector;
import newsdesk.store.NewEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mercure's active subscriptions (decisions 0166, 0167): when a subscription to the Mercure endpoint
 * opens, a private update says so for each of its topic selectors, and another when it closes, in
 * the form of the protocol it was opened in: draft-07's
 * {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}} (JSON-LD), or draft-08's
 * {@code …/{match_type}/{match}/{subscriber}} (plain JSON, SSE type {@code mercure}); meanwhile each is held in the cluster's presence registry
 * ({@link Presence#hold}), which the subscription API lists on every node. The updates go through
 * the log like any other (so {@code lastEventID} resumes them, on every node), in order per
 * subscription: the closing one is published only after the opening one.
 */
public final class ActiveSubscriptions {
  private static final Logger log = LoggerFactory.getLogger(ActiveSubscriptions.class);

  private static final ObjectMapper JSON = new ObjectMapper();
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
  public Runnable opened(List<TopicSelector> selectors, boolean draft08, Map<String, String> payloads) {
    String subscriber = "urn:uuid:" + UUID.randomUUID();
    Function<Boolean, List<ObjectNode>> docs = active -> selectors.stream()
        .map(s -> draft08
            ? SubscriptionDocuments08.subscription(s.kind(), s.value(), subscriber, active, json(payloads.get(s.key())))
            : SubscriptionDocuments.subscription(s.value(), subscriber, active, null))
        .toList();
    var releases = new ArrayList<Runnable>(selectors.size());
    for (ObjectNode doc : docs.apply(true)) releases.add(presence.hold(doc.get("id").asText(), doc.toString()));
    String type = draft08 ? SubscriptionDocuments08.EVENT_TYPE : null;
    CompletableFuture<Void> announced = CompletableFuture.runAsync(() -> announce(docs.apply(true), type), blocking);
    var closed = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (!closed.compareAndSet(false, true)) return;
      releases.forEach(Runnable::run);
      announced.whenCompleteAsync((v, e) -> announce(docs.apply(false), type), blocking);
    };
  }

  /** A payload the token verifier already parsed as a JSON object; null stays null. */
  private static JsonNode json(String text) {
    if (text == null) return null;
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a token payload is not JSON", e);
    }
  }

  private void announce(List<ObjectNode> docs, String type) {
    if (docs.isEmpty()) return;
    boolean active = docs.getFirst().get("active").asBoolean();
    try {
      hub.publish(tx -> {
        for (ObjectNode doc : docs) {
          tx.appendEvent(new NewEvent(null, type, List.of(doc.get("id").asText()), doc.toString(), true, null));
        }
        return null;
      });
    } catch (RuntimeException e) {
      // A lost announcement is a gap in the subscription events; the API still lists what is open.
      log.warn("announcing a Mercure subscription ({}) failed", active ? "opened" : "closed", e);
    }
  }
}
