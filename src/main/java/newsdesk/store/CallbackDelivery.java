package newsdesk.store;

import java.time.Instant;

/**
 * One claimed callback delivery. A {@code websub} one names its {@code topic} and has no body (the
 * topic's current content is sent); a {@code webhook} one carries its {@code body}. {@code attempts}
 * counts this one; attempts stop at {@code giveUpAt}.
 */
public record CallbackDelivery(long id, String kind, long subscriptionId, String url, String topic, String body,
    String secret, Instant giveUpAt, int attempts) {

  public static final String WEBSUB = "websub";
  public static final String WEBHOOK = "webhook";

  @Override
  public String toString() {
    return "CallbackDelivery[id=" + id + ", kind=" + kind + ", url=" + url + ", topic=" + topic + ", attempts=" + attempts + "]";
  }
}
