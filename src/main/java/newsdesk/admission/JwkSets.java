package newsdesk.admission;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import newsdesk.config.ConfigException;

/**
 * The JWK Set of an issuer that rotates its keys: from a URL (fetched once, cached, refreshed ahead
 * of expiry in the background and retried once on failure, so a request rarely waits for it) or
 * from a file read at start-up. Its keys are trusted for {@code mercure.issuer}'s tokens only.
 */
public final class JwkSets {
  private JwkSets() {}

  /** @return null when neither is set */
  public static JWKSource<SecurityContext> load(String url, String file) {
    boolean hasUrl = url != null && !url.isBlank();
    boolean hasFile = file != null && !file.isBlank();
    if (hasUrl && hasFile) throw new ConfigException("set mercure.jwks-url or mercure.jwks-file, not both");
    if (hasFile) {
      try {
        return new ImmutableJWKSet<>(JWKSet.load(new File(file)));
      } catch (IOException | ParseException e) {
        throw new ConfigException("mercure.jwks-file is not a readable JWK Set: " + e.getMessage());
      }
    }
    if (!hasUrl) return null;
    try {
      return JWKSourceBuilder.<SecurityContext>create(URI.create(url).toURL())
          .retrying(true).refreshAheadCache(true).build();
    } catch (IllegalArgumentException | java.net.MalformedURLException e) {
      throw new ConfigException("mercure.jwks-url is not a URL: " + e.getMessage());
    }
  }
}
