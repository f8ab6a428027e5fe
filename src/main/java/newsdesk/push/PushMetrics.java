package newsdesk.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** What the operator watches: messages sent, failed, retried, subscriptions expired, send time. */
public final class PushMetrics {
  private final Counter sent;
  private final Counter failed;
  private final Counter retried;
  private final Counter expired;
  private final Counter queued;
  private final Timer sendTime;

  public PushMetrics(MeterRegistry registry) {
    sent = Counter.builder("newsdesk_push_sent").description("push messages a push service accepted").register(registry);
    failed = Counter.builder("newsdesk_push_failed").description("push deliveries given up").register(registry);
    retried = Counter.builder("newsdesk_push_retried").description("push deliveries scheduled again after 429, 5xx or a network error").register(registry);
    expired = Counter.builder("newsdesk_push_subscriptions_expired").description("subscriptions removed after 404 or 410").register(registry);
    queued = Counter.builder("newsdesk_push_queued").description("push deliveries queued").register(registry);
    sendTime = Timer.builder("newsdesk_push_send").description("time to encrypt, sign and send one message")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  void sent(Duration took) {
    sent.increment();
    sendTime.record(took);
  }

  void failed() {
    failed.increment();
  }

  void retried() {
    retried.increment();
  }

  void expired() {
    expired.increment();
  }

  public void queued(int n) {
    queued.increment(n);
  }
}
