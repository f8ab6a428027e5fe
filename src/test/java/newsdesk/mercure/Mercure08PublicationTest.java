package newsdesk.mercure;

import static newsdesk.mercure.Mercure08Support.open;
import static newsdesk.mercure.Mercure08Support.url;
import static newsdesk.mercure.MercureSupport.form;
import static newsdesk.mercure.MercureSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import newsdesk.testing.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Draft-08's Publication section with an access token: the answer (200, the id as UTF-8 plain
 * text), the fields refused with 400 (the hub's reserved namespace however spelt, the {@code *}
 * topic, the {@code mercure} type, {@code #} and {@code earliest} ids, control and format
 * characters, a non-digit retry), and unknown fields ignored. Draft-07 publishers keep the
 * namespace and type rules too, so neither protocol can forge the hub's own events.
 */
class Mercure08PublicationTest extends Mercure08Hub {
  private static final Duration WAIT = Duration.ofSeconds(15);


  @Test
  void aPublishAnswersItsIdAsUtf8PlainTextAndUnknownFieldsAreIgnored() {
    String t = "https://example.com/" + UUID.randomUUID();
    try (var c = open(url(server, "match", t), null, null)) {
      var res = publish(server, publisher, form("topic", t, "data", "a\r\nb", "future_field", "x", "id", "urn:x:" + UUID.randomUUID()));
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
      var m = c.next(WAIT);
      assertThat(m.id()).isEqualTo(res.body());
      assertThat(m.data()).isEqualTo("a\nb");
    }
  }

  @ParameterizedTest(name = "topic {0} → 400")
  @ValueSource(strings = {
      "/.well-known/mercure", "/.well-known/mercure/subscriptions/exact/x/y", "/.well-known/%6Dercure/subscriptions",
      "/.well-known/mercure/../mercure/subscriptions", "/a/../.well-known/mercure/x", "BASE/.well-known/mercure/x",
      "https://elsewhere.example/.well-known/mercure/subscriptions/x", "*", "a\u200Bb", "a\u0085b"})
  void topicsInTheReservedNamespaceOrWithForbiddenCharactersAreRefused(String topic) {
    var res = publish(server, publisher, form("topic", "https://example.com/ok", "topic",
        topic.replace("BASE", server.baseUrl()), "data", "x"));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
  }

  @Test
  void aTopicMerelyNamedLikeTheHubIsNotReserved() {
    var res = publish(server, publisher, form("topic", "/.well-known/mercure-news", "data", "x"));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} → 400")
  @ValueSource(strings = {"type=mercure", "id=%23frag", "id=earliest", "id=a%E2%80%8Eb", "type=a%E2%80%8Fb",
      "retry=12a", "retry=-1"})
  void reservedOrMalformedFieldsAreRefused(String field) {
    var res = publish(server, publisher, form("topic", "https://example.com/" + UUID.randomUUID(), "data", "x")
        + "&" + field);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
  }

  @Test
  void draft07PublishersCannotForgeTheHubsEventsEither() {
    String jwt = Jwts.publisher(List.of("*"));
    assertThat(publish(server, jwt, form("topic", "/.well-known/mercure/subscriptions/x", "data", "x")).statusCode())
        .isEqualTo(400);
    assertThat(publish(server, jwt, form("topic", "https://example.com/y", "type", "mercure", "data", "x")).statusCode())
        .isEqualTo(400);
    assertThat(publish(server, jwt, form("topic", "https://example.com/y", "data", "x")).statusCode()).isEqualTo(200);
  }

  @Test
  void aReusedIdIsReplacedByTheHubsOwnForADraft08PublisherAndRefusedForADraft07One() {
    String t = "https://example.com/" + UUID.randomUUID();
    String id = "urn:x:" + UUID.randomUUID();
    try (var c = open(url(server, "match", t), null, null)) {
      assertThat(publish(server, publisher, form("topic", t, "id", id, "data", "first")).body()).isEqualTo(id);
      var again = publish(server, publisher, form("topic", t, "id", id, "data", "second"));
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).isNotEqualTo(id);
      assertThat(c.next(WAIT).id()).isEqualTo(id);
      assertThat(c.next(WAIT).id()).isEqualTo(again.body());
    }
    var draft07 = publish(server, Jwts.publisher(List.of("*")), form("topic", t, "id", id, "data", "third"));
    assertThat(draft07.statusCode()).isEqualTo(409);
  }
}
