package newsdesk.mercure;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import newsdesk.admission.JwkSets;
import newsdesk.admission.MercureKey;
import newsdesk.config.Config;

/**
 * The hub's Mercure policy. With no publisher key nobody can publish (safe default); with no
 * subscriber key tokens cannot be checked, so only anonymous, public subscriptions work. Draft-08
 * tokens also need the hub's resource identifier ({@code audience}, by default the hub's own URL),
 * may be held to one issuer, and may be signed by keys of a JWK Set.
 *
 * @param hubUrl the hub's public URL, {@code <public-url>/.well-known/mercure}
 * @param issuer the {@code iss} draft-08 tokens must carry, or null for any
 * @param jwks keys trusted besides the configured ones, or null
 * @param subscriptions whether active subscriptions are on ({@code mercure.subscriptions})
 */
public record MercureSettings(MercureKey publisherKey, MercureKey subscriberKey, boolean anonymous,
    List<String> corsOrigins, String hubUrl, String audience, String issuer, JWKSource<SecurityContext> jwks,
    boolean subscriptions) {

  /** @param publicBase the site's public URL, without a trailing slash */
  public static MercureSettings from(Config.Mercure c, String publicBase) {
    String hubUrl = publicBase + MercureEndpoint.PATH;
    return new MercureSettings(
        c.publisherKey().isBlank() ? null : MercureKey.parse(c.publisherKey(), "mercure.publisher-key"),
        c.subscriberKey().isBlank() ? null : MercureKey.parse(c.subscriberKey(), "mercure.subscriber-key"),
        c.anonymous(),
        c.corsOrigins(),
        hubUrl,
        c.audience().isBlank() ? hubUrl : c.audience(),
        c.issuer().isBlank() ? null : c.issuer(),
        JwkSets.load(c.jwksUrl(), c.jwksFile()),
        c.subscriptions());
  }

  /** Where the hub's protected resource metadata (RFC 9728) is served. */
  public String metadataUrl() {
    String base = hubUrl.substring(0, hubUrl.length() - MercureEndpoint.PATH.length());
    return base + ProtectedResourceMetadata.PATH;
  }
}
