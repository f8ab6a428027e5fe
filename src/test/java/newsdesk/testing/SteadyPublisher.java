package newsdesk.testing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A newsroom publishing at a steady rate while nodes fail: one Mercure update every {@code gap},
 * to the nodes in turn, each recorded as acknowledged (200, with the id the node gave it) or not.
 * An unanswered publish is not resent: it may have been committed (its node died after the
 * commit), and the log, not this record, says whether it was.
 */
public final class SteadyPublisher implements AutoCloseable {
  private final List<NodeProcess> nodes;
  private final String topic;
  private final String label;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("steady-publisher").daemon().factory());
  private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
  private final List<String> notAcknowledged = Collections.synchronizedList(new ArrayList<>());
  private int sent; // on the timer's thread only

  private SteadyPublisher(List<NodeProcess> nodes, String topic, String label) {
    this.nodes = List.copyOf(nodes);
    this.topic = topic;
    this.label = label;
  }

  /** Starts publishing on {@code topic}: one update every {@code gap}, to each node in turn. */
  public static SteadyPublisher start(List<NodeProcess> nodes, String topic, Duration gap) {
    return start(nodes, topic, gap, "");
  }

  /** As {@link #start(List, String, Duration)}, each update's data {@code "<label>update <n>"}. */
  public static SteadyPublisher start(List<NodeProcess> nodes, String topic, Duration gap, String label) {
    var publisher = new SteadyPublisher(nodes, topic, label);
    publisher.timer.scheduleWithFixedDelay(publisher::publishOnce, 0, gap.toMillis(), TimeUnit.MILLISECONDS);
    return publisher;
  }

  private void publishOnce() {
    NodeProcess node = nodes.get(sent % nodes.size());
    int n = ++sent;
    Optional<HttpResponse<String>> res = MercurePublisher.send(node.baseUrl(), topic, label + "update " + n);
    if (res.isPresent() && res.get().statusCode() == 200) acknowledged.add(res.get().body());
    else notAcknowledged.add(label + "update " + n + " to port " + node.port() + ": "
        + res.map(r -> r.statusCode() + " " + r.body()).orElse("no answer"));
  }

  /** The ids acknowledged so far, in the order the answers came. */
  public List<String> acknowledged() {
    synchronized (acknowledged) {
      return List.copyOf(acknowledged);
    }
  }

  /** The publishes that got no 200, with what they got instead. */
  public List<String> notAcknowledged() {
    synchronized (notAcknowledged) {
      return List.copyOf(notAcknowledged);
    }
  }

  /** Waits until {@code count} more publishes than now have been acknowledged. */
  public void awaitMoreAcknowledged(int count, Duration timeout) {
    int target = acknowledged.size() + count;
    Await.until(() -> acknowledged.size() >= target, timeout,
        count + " more publishes to be acknowledged (not acknowledged so far: " + notAcknowledged() + ")");
  }

  /** Stops publishing; returns once no publish is under way. */
  public void stop() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(30, TimeUnit.SECONDS)) throw new AssertionError("a publish did not finish");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
