package newsdesk.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.http.ProblemException;
import newsdesk.http.ProblemType;
import newsdesk.store.PushStore;
import newsdesk.store.PushSubscription;

/**
 * The readers' side of Web Push: {@code GET /push/key}, {@code POST} and {@code DELETE
 * /push/subscriptions}, and the service worker at {@code /sw.js} (served from the root so its
 * scope is the whole site). No token: a subscription's endpoint is its own capability, unguessable
 * and known only to the browser that made it.
 */
public final class PushRoutes {
  static final int MAX_BODY = 16 * 1024;
  static final int MAX_ENDPOINT = 2_048;
  static final int MAX_TOPICS = 32;
  private static final ObjectReader JSON = new ObjectMapper().reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private final PushStore store;
  private final VapidKeys keys;
  private final PushSettings settings;
  private final Blocking blocking;
  private final Clock clock;
  private final Buffer serviceWorker;

  public PushRoutes(PushStore store, VapidKeys keys, PushSettings settings, Blocking blocking, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.settings = settings;
    this.blocking = blocking;
    this.clock = clock;
    this.serviceWorker = resource("push/sw.js");
  }

  public void mount(Router r) {
    r.get("/sw.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8")
        // Browsers check for a new worker on navigation; no-cache keeps that check honest.
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(serviceWorker));
    r.get("/push/key").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache")
        .end(new ObjectMapper().createObjectNode().put("publicKey", keys.publicKeyBase64()).toString()));
    r.route("/push/subscriptions").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    r.post("/push/subscriptions").handler(ctx -> run(ctx, 201, () -> subscribe(body(ctx))));
    r.delete("/push/subscriptions").handler(ctx -> run(ctx, 204, () -> {
      ObjectNode in = body(ctx);
      String endpoint = in.path("endpoint").isTextual() ? in.get("endpoint").asText() : null;
      if (endpoint == null) throw invalid("endpoint", "endpoint must be the subscription's endpoint URL");
      store.deletePushSubscription(endpoint);
      return null;
    }));
    r.route("/push/subscriptions").handler(ctx -> {
      ctx.response().putHeader("Allow", "POST, DELETE");
      ctx.fail(new ProblemException(Problem.of(ProblemType.METHOD_NOT_ALLOWED, "this address takes POST and DELETE")));
    });
  }

  private ObjectNode subscribe(ObjectNode in) {
    String endpoint = endpoint(in.get("endpoint"));
    JsonNode k = in.path("keys");
    byte[] p256dh = k.path("p256dh").isTextual() ? P256.unb64(k.get("p256dh").asText()).orElse(null) : null;
    if (p256dh == null || !P256.isValidPoint(p256dh)) {
      throw invalid("keys.p256dh", "keys.p256dh must be an uncompressed P-256 point (65 bytes), base64url");
    }
    byte[] auth = k.path("auth").isTextual() ? P256.unb64(k.get("auth").asText()).orElse(null) : null;
    if (auth == null || auth.length != 16) throw invalid("keys.auth", "keys.auth must be 16 bytes, base64url");

    // pushsubscriptionchange: the worker re-subscribes and names the subscription it replaces,
    // whose topics carry over (a worker has no page to ask the reader again).
    String replaces = in.path("replaces").isTextual() ? in.get("replaces").asText() : null;
    List<String> topics;
    if (in.has("topics")) {
      topics = topics(in.get("topics"));
    } else if (replaces != null) {
      topics = store.pushSubscription(replaces).map(PushSubscription::topics)
          .orElseThrow(() -> invalid("replaces", "no subscription with that endpoint to carry topics from"));
    } else {
      throw invalid("topics", "topics must list what to follow: breaking, section:<name> or live:<slug>");
    }
    PushSubscription saved = store.savePushSubscription(endpoint, P256.b64(p256dh), P256.b64(auth), topics, clock.instant());
    if (replaces != null && !replaces.equals(endpoint)) store.deletePushSubscription(replaces);
    ObjectNode out = new ObjectMapper().createObjectNode();
    out.put("endpoint", saved.endpoint());
    var t = out.putArray("topics");
    saved.topics().forEach(t::add);
    out.put("createdAt", saved.createdAt().toString());
    return out;
  }

  private String endpoint(JsonNode n) {
    if (n == null || !n.isTextual()) throw invalid("endpoint", "endpoint must be the push service URL the browser gave");
    String s = n.asText();
    if (s.length() > MAX_ENDPOINT) throw invalid("endpoint", "endpoint must be at most " + MAX_ENDPOINT + " characters");
    URI u;
    try {
      u = new URI(s);
    } catch (URISyntaxException e) {
      throw invalid("endpoint", "endpoint is not a URL");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawFragment() != null) {
      throw invalid("endpoint", "endpoint must be an absolute URL with a host, and no user or fragment");
    }
    if (scheme.equals("https")) return s;
    if (scheme.equals("http") && settings.allowInsecureEndpoints() && isLoopback(u.getHost())) return s;
    throw invalid("endpoint", settings.allowInsecureEndpoints()
        ? "endpoint must be an https: URL, or http: on loopback"
        : "endpoint must be an https: URL");
  }

  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) return true;
    if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) return false; // a literal address only: no lookups here
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static List<String> topics(JsonNode n) {
    if (n == null || !n.isArray() || n.isEmpty() || n.size() > MAX_TOPICS) {
      throw invalid("topics", "topics must be a list of 1 to " + MAX_TOPICS + " topics");
    }
    var out = new ArrayList<String>();
    for (JsonNode t : n) {
      if (!t.isTextual() || !PushTopics.isValid(t.asText())) {
        throw invalid("topics", "each topic must be breaking, section:<name> or live:<slug>");
      }
      if (!out.contains(t.asText())) out.add(t.asText());
    }
    return out;
  }

  private static ObjectNode body(RoutingContext ctx) {
    Buffer b = ctx.body() == null ? null : ctx.body().buffer();
    if (b == null || b.length() == 0) throw new ProblemException(Problem.badRequest("the request body must be a JSON object"));
    try {
      JsonNode n = JSON.readTree(b.getBytes());
      if (n == null || !n.isObject()) throw new ProblemException(Problem.badRequest("the request body must be a JSON object"));
      return (ObjectNode) n;
    } catch (JsonProcessingException e) {
      throw new ProblemException(Problem.badRequest("the request body is not valid JSON"));
    } catch (IOException e) {
      throw new ProblemException(Problem.badRequest("the request body could not be read"));
    }
  }

  private void run(RoutingContext ctx, int status, Callable<ObjectNode> work) {
    blocking.call(work).onSuccess(body -> {
      var res = ctx.response().setStatusCode(status).putHeader("Cache-Control", "no-store");
      if (body == null) res.end();
      else res.putHeader("Content-Type", "application/json").end(body.toString());
    }).onFailure(ctx::fail);
  }

  private static ProblemException invalid(String field, String detail) {
    return new ProblemException(Problem.invalid(field, detail));
  }

  private static Buffer resource(String path) {
    try (InputStream in = PushRoutes.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing resource " + path);
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
