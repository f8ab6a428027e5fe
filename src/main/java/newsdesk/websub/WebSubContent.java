package newsdesk.websub;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsdesk.callbacks.CallbackRenderer;
import newsdesk.callbacks.CallbackRequest;
import newsdesk.feeds.FeedTopics;
import newsdesk.store.CallbackDelivery;

/**
 * What a WebSub delivery POSTs (§7): the topic's full content as it is when sent, with its own
 * media type, {@code Link} headers naming the hub and the topic, and, when the subscriber gave a
 * secret, the body's signature.
 */
final class WebSubContent implements CallbackRenderer {
  private final FeedTopics topics;
  private final String hub;

  WebSubContent(FeedTopics topics, String hub) {
    this.topics = topics;
    this.hub = hub;
  }

  @Override
  public Optional<CallbackRequest> render(CallbackDelivery d) {
    return topics.render(d.topic()).map(feed -> {
      var headers = new HashMap<String, List<String>>();
      headers.put("Link", List.of("<" + hub + ">; rel=\"hub\"", "<" + d.topic() + ">; rel=\"self\""));
      if (d.secret() != null) headers.put(Signature.HEADER, List.of(Signature.of(d.secret(), feed.body())));
      return new CallbackRequest(feed.contentType(), feed.body(), Map.copyOf(headers));
    });
  }
}
