package newsdesk.mercure;

import java.util.List;
import newsdesk.config.Config;

/**
 * The hub's Mercure policy. With no publisher key nobody can publish (safe default); with no
 * subscriber key tokens cannot be checked, so only anonymous, public subscriptions work.
 */
public record MercureSettings(MercureKey publisherKey, MercureKey subscriberKey, boolean anonymous,
    List<String> corsOrigins) {

  public static MercureSettings from(Config c) {
    return new MercureSettings(
        c.mercurePublisherKey().isBlank() ? null : MercureKey.parse(c.mercurePublisherKey(), "mercure.publisher-key"),
        c.mercureSubscriberKey().isBlank() ? null : MercureKey.parse(c.mercureSubscriberKey(), "mercure.subscriber-key"),
        c.mercureAnonymous(),
        c.corsOrigins());
  }
}
