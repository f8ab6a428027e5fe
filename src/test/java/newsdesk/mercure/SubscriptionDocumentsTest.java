package newsdesk.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Draft-07's subscription topics and documents, against the examples of the spec's Active Subscriptions section. */
class SubscriptionDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUBSCRIBER = "urn:uuid:bb3de268-05b0-4c65-b44e-8f9acefc29d6";

  @Test
  void theTopicExpandsSelectorAndSubscriberWithEveryReservedCharacterEncodedOnce() {
    assertThat(SubscriptionDocuments.topic("https://example.com/{selector}", SUBSCRIBER)).isEqualTo(
        "/.well-known/mercure/subscriptions/https%3A%2F%2Fexample.com%2F%7Bselector%7D/urn%3Auuid%3Abb3de268-05b0-4c65-b44e-8f9acefc29d6");
    assertThat(SubscriptionDocuments.expand("a%2Fb é")).as("a % is encoded itself, non-ASCII as UTF-8").isEqualTo("a%252Fb%20%C3%A9");
  }

  @Test
  void aSubscriptionDocumentHasTheFieldsTheSpecRequires() throws Exception {
    var doc = SubscriptionDocuments.subscription("https://example.com/{selector}", SUBSCRIBER, true,
        JSON.readTree("{\"foo\":\"bar\"}"));
    assertThat(doc.path("@context").asText()).isEqualTo("https://mercure.rocks/");
    assertThat(doc.path("id").asText()).isEqualTo(SubscriptionDocuments.topic("https://example.com/{selector}", SUBSCRIBER));
    assertThat(doc.path("type").asText()).isEqualTo("Subscription");
    assertThat(doc.path("topic").asText()).isEqualTo("https://example.com/{selector}");
    assertThat(doc.path("subscriber").asText()).isEqualTo(SUBSCRIBER);
    assertThat(doc.path("active").asBoolean()).isTrue();
    assertThat(doc.path("payload").path("foo").asText()).isEqualTo("bar");
    assertThat(SubscriptionDocuments.subscription("t", "s", false, null).has("payload")).isFalse();
  }

  @Test
  void aCollectionNamesItselfAndTheLastEventAndOmitsItsMembersContext() {
    var one = SubscriptionDocuments.subscription("https://example.com/a-topic", SUBSCRIBER, true, null);
    var c = SubscriptionDocuments.collection(SubscriptionDocuments.PREFIX, "earliest", List.of(one));
    assertThat(c.path("type").asText()).isEqualTo("Subscriptions");
    assertThat(c.path("id").asText()).isEqualTo("/.well-known/mercure/subscriptions");
    assertThat(c.path("lastEventID").asText()).isEqualTo("earliest");
    assertThat(c.path("subscriptions")).hasSize(1);
    assertThat(c.path("subscriptions").get(0).has("@context")).isFalse();
    assertThat(one.has("@context")).as("the document given is not changed").isTrue();
  }
}
