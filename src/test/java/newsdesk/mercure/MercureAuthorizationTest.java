package newsdesk.mercure;

import static newsdesk.mercure.MercureSupport.form;
import static newsdesk.mercure.MercureSupport.publish;
import static newsdesk.mercure.MercureSupport.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsdesk.testing.Jwts;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who may publish, and which private and public updates each kind of token receives. The hub uses
 * one key for both roles here, as many Mercure set-ups do, so every row is a well-signed token
 * except "wrong key" and "expired".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MercureAuthorizationTest {
  private static final String KEY = Jwts.PUBLISHER_KEY;
  private static final String OTHER_KEY = "another-key-entirely-0123456789-abcdefghij";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  TestServer server;
  String publisher;

  @BeforeAll
  void start() {
    server = TestServer.start(dir, Map.of("mercure.publisher-key", KEY, "mercure.subscriber-key", KEY));
    publisher = Jwts.hs256(KEY, List.of("*"), null, Instant.now().plusSeconds(3600));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  enum Holder {
    NO_TOKEN, EXPIRED, WRONG_KEY, PUBLISH_ONLY, SUBSCRIBE_TO_OTHER_TOPIC, SUBSCRIBE_TO_THIS_TOPIC;

    String token(String topic) {
      Instant later = Instant.now().plusSeconds(3600);
      return switch (this) {
        case NO_TOKEN -> null;
        case EXPIRED -> Jwts.hs256(KEY, List.of("*"), List.of("*"), Instant.now().minusSeconds(3600));
        case WRONG_KEY -> Jwts.hs256(OTHER_KEY, List.of("*"), List.of("*"), later);
        case PUBLISH_ONLY -> Jwts.hs256(KEY, List.of("*"), null, later);
        case SUBSCRIBE_TO_OTHER_TOPIC -> Jwts.hs256(KEY, null, List.of("https://example.com/other/{id}"), later);
        case SUBSCRIBE_TO_THIS_TOPIC -> Jwts.hs256(KEY, null, List.of(topic), later);
      };
    }

    int publishStatus() {
      return switch (this) {
        case NO_TOKEN, EXPIRED, WRONG_KEY -> 401;
        case PUBLISH_ONLY -> 200;
        case SUBSCRIBE_TO_OTHER_TOPIC, SUBSCRIBE_TO_THIS_TOPIC -> 403;
      };
    }

    boolean maySubscribe() {
      return this != EXPIRED && this != WRONG_KEY;
    }

    boolean receivesPrivate() {
      return this == SUBSCRIBE_TO_THIS_TOPIC;
    }
  }

  @ParameterizedTest
  @EnumSource(Holder.class)
  void eachTokenPublishesAndReceivesExactlyWhatItMay(Holder holder) {
    String topic = "https://example.com/matrix/" + UUID.randomUUID();
    String token = holder.token(topic);

    var published = publish(server, token, form("topic", topic, "data", "by " + holder));
    assertThat(published.statusCode()).as("publish as " + holder).isEqualTo(holder.publishStatus());
    if (published.statusCode() != 200) {
      assertThat(published.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    try (SseClient client = subscribe(server, token, null, topic)) {
      if (!holder.maySubscribe()) {
        assertThat(client.response().statusCode()).isEqualTo(401);
        return;
      }
      assertThat(client.response().statusCode()).isEqualTo(200);
      // A private update on another topic, then one on this topic, then a public one. Events
      // arrive in order, so once the public one is here anything owed before it has arrived too.
      assertThat(publish(server, publisher, form("topic", "https://example.com/elsewhere", "data", "private elsewhere", "private", "on")).statusCode()).isEqualTo(200);
      assertThat(publish(server, publisher, form("topic", topic, "data", "private here", "private", "on")).statusCode()).isEqualTo(200);
      assertThat(publish(server, publisher, form("topic", topic, "data", "public here")).statusCode()).isEqualTo(200);

      var first = client.next(WAIT);
      if (holder.receivesPrivate()) {
        assertThat(first.data()).isEqualTo("private here");
        assertThat(client.next(WAIT).data()).isEqualTo("public here");
      } else {
        assertThat(first.data()).as("nothing private leaks to " + holder).isEqualTo("public here");
      }
    }
  }
}
