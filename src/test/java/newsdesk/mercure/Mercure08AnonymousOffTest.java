package newsdesk.mercure;

import static newsdesk.mercure.Mercure08Support.get;
import static newsdesk.mercure.Mercure08Support.url;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import newsdesk.testing.Jwts;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code mercure.anonymous=false}, a draft-08 subscriber without a token is challenged, with no error code. */
class Mercure08AnonymousOffTest {
  @TempDir Path dir;

  @Test
  void aTokenlessDraft08SubscriptionGets401WithAChallengeNamingTheMetadataAndNoErrorCode() {
    var settings = new java.util.HashMap<>(Mercure08Support.settings());
    settings.put("mercure.anonymous", "false");
    try (var server = TestServer.start(dir, Map.copyOf(settings))) {
      var res = get(url(server, "match", "https://example.com/x"), Map.of());
      assertThat(res.statusCode()).isEqualTo(401);
      assertThat(res.headers().firstValue("WWW-Authenticate")).hasValue("Bearer resource_metadata=\""
          + server.baseUrl() + "/.well-known/oauth-protected-resource/.well-known/mercure\"");
      String token = Mercure08Support.subscriberToken(server, List.of(Jwts.detail(List.of("subscribe"), "exact:*")));
      try (var c = Mercure08Support.open(url(server, "match", "https://example.com/x"), token, null)) {
        assertThat(c.response().statusCode()).isEqualTo(200);
      }
    }
  }
}
