package newsdesk.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Draft-08's subscription topics and documents, against the examples of its Active Subscriptions section. */
class SubscriptionDocuments08Test {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUBSCRIBER = "urn:uuid:bb3de268-05b0-4c65-b44e-8f9acefc29d6";

  @Test
  void theTopicIsTheMatcherTypeThenMatcherThenSubscriberEachEncodedOnce() {
    assertThat(SubscriptionDocuments08.topic("urlpattern", "https://example.com/:selector", SUBSCRIBER)).isEqualTo(
        "/.well-known/mercure/subscriptions/urlpattern/https%3A%2F%2Fexample.com%2F%3Aselector/urn%3Auuid%3Abb3de268-05b0-4c65-b44e-8f9acefc29d6");
    assertThat(SubscriptionDocuments08.matcher("exact", "https://example.com/a%2Fb")).as("an encoded matcher is not left as it is")
        .isEqualTo("/.well-known/mercure/subscriptions/exact/https%3A%2F%2Fexample.com%2Fa%252Fb");
  }

  @Test
  void aSubscriptionDocumentHasTheFieldsTheDraftRequiresAndNoJsonLd() throws Exception {
    var doc = SubscriptionDocuments08.subscription("urlpattern", "https://example.com/:selector", SUBSCRIBER, true,
        JSON.readTree("{\"foo\":\"bar\"}"));
    assertThat(doc).isEqualTo(JSON.readTree("""
        {"id":"/.well-known/mercure/subscriptions/urlpattern/https%3A%2F%2Fexample.com%2F%3Aselector/urn%3Auuid%3Abb3de268-05b0-4c65-b44e-8f9acefc29d6",
         "type":"subscription","match_type":"urlpattern","match":"https://example.com/:selector",
         "subscriber":"urn:uuid:bb3de268-05b0-4c65-b44e-8f9acefc29d6","active":true,"payload":{"foo":"bar"}}"""));
    assertThat(SubscriptionDocuments08.subscription("exact", "t", "s", false, null).has("payload")).isFalse();
  }

  @Test
  void aCollectionNamesItselfWithoutACursorInTheBody() {
    var one = SubscriptionDocuments08.subscription("exact", "https://example.com/a-topic", SUBSCRIBER, true, null);
    var c = SubscriptionDocuments08.collection(SubscriptionDocuments.PREFIX, List.of(one));
    assertThat(c.path("type").asText()).isEqualTo("subscriptions");
    assertThat(c.path("id").asText()).isEqualTo("/.well-known/mercure/subscriptions");
    assertThat(c.has("lastEventID")).isFalse();
    assertThat(c.path("subscriptions")).containsExactly(one);
  }
}
