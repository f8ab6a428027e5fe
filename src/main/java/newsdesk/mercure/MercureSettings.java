package newsdesk.mercure;

import java.util.List;
import newsdesk.admission.MercureKey;
import newsdesk.config.Config;

/**
 * The hub's Mercure policy. With no publisher key nobody can publish (safe default); with no
 * subscriber key tokens cannot be checked, so only anonymous, public subscriptions work.
 */
public record MercureSettings(MercureKey publisherKey, MercureKey subscriberKey, boolean anonymous,
    List<String> corsOrigins) {

  public static MercureSettings from(Config.Mercure c) {
    return new MercureSettings(
        c.publisherKey().isBlank() ? null : MercureKey.parse(c.publisherKey(), "mercure.publisher-key"),
        c.subscriberKey().isBlank() ? null : MercureKey.parse(c.subscriberKey(), "mercure.subscriber-key"),
        c.anonymous(),
        c.corsOrigins());
  }
}
