package newsdesk.mercure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import newsdesk.admission.Draft08Subscribers;
import newsdesk.admission.Matchers;

/**
 * The hub's OAuth 2.0 Protected Resource Metadata (RFC 9728), at the path derived from its URL:
 * its resource identifier (the {@code aud} tokens must carry), the authorization detail type it
 * understands, how a token may be presented (the header, and the cookie as draft-08's own member)
 * and the matcher types it supports, and {@code mercure_subscriptions: true} when active
 * subscriptions are on. Public, cacheable, the same on every node.
 */
final class ProtectedResourceMetadata {
  static final String PATH = "/.well-known/oauth-protected-resource" + MercureEndpoint.PATH;

  private ProtectedResourceMetadata() {}

  static void mount(Router router, MercureSettings settings) {
    String body = document(settings).encode();
    router.get(PATH).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "public, max-age=3600")
        .putHeader("Access-Control-Allow-Origin", "*")
        .end(body));
  }

  static JsonObject document(MercureSettings settings) {
    var doc = new JsonObject()
        .put("resource", settings.audience())
        .put("authorization_details_types_supported", new JsonArray().add("https://mercure.rocks/authorization-detail"))
        .put("bearer_methods_supported", new JsonArray().add("header"))
        .put("mercure_cookie", Draft08Subscribers.COOKIE)
        .put("mercure_matcher_types_supported", new JsonArray().add(Matchers.EXACT).add(Matchers.URLPATTERN));
    if (settings.subscriptions()) doc.put("mercure_subscriptions", true);
    if (settings.issuer() != null) doc.put("authorization_servers", new JsonArray().add(settings.issuer()));
    return doc;
  }
}
