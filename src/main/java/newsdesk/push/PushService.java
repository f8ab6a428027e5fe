package newsdesk.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import newsdesk.content.Answer;
import newsdesk.content.Notifier;
import newsdesk.content.Once;
import newsdesk.content.SiteUrls;
import newsdesk.store.Entry;
import newsdesk.store.NewPushAlert;
import newsdesk.store.PushStore;
import newsdesk.store.QueuedPushAlert;
import newsdesk.store.Story;
import newsdesk.store.Store;
import newsdesk.store.WriteTx;

/**
 * Turns newsroom moments into queued alerts: a breaking alert from the desk, a story published in
 * a section, a live blog's key event. Each alert is written to the outbox with one delivery per
 * subscription that follows any of its topics; the {@link PushOutbox} sends them.
 *
 * <p>As the content {@link Notifier}, it queues inside the content change's own transaction.
 */
public final class PushService implements Notifier {
  public static final String ICON = "/assets/icon.svg";
  static final int MAX_TEXT = 280; // what a notification shows; longer text is cut before the byte limit applies

  private final Store store;
  private final PushStore subscriptions;
  private final SiteUrls urls;
  private final PushSettings settings;
  private final PushMetrics metrics;
  private final Clock clock;
  private volatile PushOutbox outbox;

  public PushService(Store store, PushStore subscriptions, SiteUrls urls, PushSettings settings, PushMetrics metrics,
      Clock clock) {
    this.store = store;
    this.subscriptions = subscriptions;
    this.urls = urls;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The outbox to wake after an alert commits; set once both exist. */
  public void attach(PushOutbox outbox) {
    this.outbox = outbox;
  }

  /** A breaking alert about {@code story}: to followers of breaking news, and of {@code section} if given. */
  public QueuedPushAlert breaking(Story story, String headline, String text, String section) {
    return breaking(story, headline, text, section, Once.NONE);
  }

  /**
   * As {@link #breaking(Story, String, String, String)}, at most once per key of {@code once}: sent
   * again (a double click, a resent form), it queues nothing and answers the alert queued first.
   */
  public QueuedPushAlert breaking(Story story, String headline, String text, String section, Once once) {
    var payload = new PushPayload("breaking", headline, shortText(text), urls.story(story.slug()), ICON,
        tag(story), now());
    var alert = alert("breaking", breakingTopics(section), payload, Urgency.HIGH, story);
    var fresh = new AtomicBoolean();
    Answer answer = store.write(once.around(tx -> {
      fresh.set(true);
      return tx.enqueuePush(alert);
    }, q -> new Answer(202, null, q.alertId() + " " + q.deliveries()), now())).value();
    String[] parts = answer.body().split(" ");
    var queued = new QueuedPushAlert(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
    if (fresh.get()) {
      metrics.queued(queued.deliveries());
      wake();
    }
    return queued;
  }

  /** How many subscriptions {@link #breaking} with {@code section} (null for none) would reach now. Blocking. */
  public long breakingReach(String section) {
    return subscriptions.pushSubscriptionCount(breakingTopics(section));
  }

  private static List<String> breakingTopics(String section) {
    var topics = new ArrayList<String>(List.of(PushTopics.BREAKING));
    if (section != null) topics.add(PushTopics.section(section));
    return topics;
  }

  @Override
  public void storyPublished(WriteTx tx, Story story) {
    var payload = new PushPayload("story", story.headline(), shortText(story.summary()), urls.story(story.slug()),
        ICON, tag(story), now());
    metrics.queued(tx.enqueuePush(alert("story", List.of(PushTopics.section(story.section())), payload,
        Urgency.NORMAL, story)).deliveries());
    // The outbox's poll picks these up once the transaction commits (within IDLE_POLL).
  }

  @Override
  public void keyEvent(WriteTx tx, Story story, Entry entry) {
    var payload = new PushPayload("key-event", story.headline(), shortText(plainText(entry.bodyHtml())),
        urls.story(story.slug()) + "#entry-" + entry.id(), ICON, tag(story), now());
    metrics.queued(tx.enqueuePush(alert("key-event", List.of(PushTopics.live(story.slug())), payload,
        Urgency.NORMAL, story)).deliveries());
  }

  private NewPushAlert alert(String kind, List<String> topics, PushPayload payload, Urgency urgency, Story story) {
    return new NewPushAlert(kind, topics, payload.toJson(), urgency.wire(), topicHeader(story),
        settings.ttl().toSeconds(), payload.at());
  }

  private void wake() {
    PushOutbox o = outbox;
    if (o != null) o.wake();
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  /** The notification tag: one notification per story on a reader's screen. */
  static String tag(Story story) {
    return "newsdesk-story-" + story.id();
  }

  /** The RFC 8030 Topic: per story, at most 32 base64url characters, so a hash of the slug. */
  static String topicHeader(Story story) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(story.slug().getBytes(StandardCharsets.UTF_8));
      return P256.b64(h).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String shortText(String text) {
    String t = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    if (t.codePointCount(0, t.length()) <= MAX_TEXT) return t;
    return PushPayload.shorten(t, s -> s.codePointCount(0, s.length()) <= MAX_TEXT + 1);
  }

  /** Sanitised HTML (from the store) as plain text, enough for a notification's one line. */
  static String plainText(String html) {
    return html.replaceAll("<[^>]*>", " ")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&nbsp;", " ").replace("&amp;", "&");
  }
}
