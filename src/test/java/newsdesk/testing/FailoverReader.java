package newsdesk.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One reader of a topic across the nodes of a cluster, doing what a browser's EventSource does
 * behind a front: when its stream ends (the node closed it, was stopped or died) or a node refuses
 * it, it connects again, to the next node, with {@code Last-Event-ID} set to the last id it got.
 * It records every event id it receives, in order, repeats included, so a test can tell that a
 * reader got each event exactly once. It reconnects at once where EventSource first waits the
 * {@code retry:} time: when it reconnects changes nothing in what it must receive.
 */
public final class FailoverReader implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);
  /** EventSource's wait before trying again once every node has refused; not a wait for work. */
  private static final long RECONNECT_DELAY_MILLIS = 100;

  private final List<NodeProcess> nodes;
  private final String topic;
  private final List<String> ids = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger streams = new AtomicInteger();
  private final AtomicInteger retryHints = new AtomicInteger();
  private final Thread thread;
  private volatile int node;
  private volatile SseClient stream;
  private volatile boolean closed;
  private String lastId; // the reader thread's

  private FailoverReader(List<NodeProcess> nodes, int first, String topic, SseClient stream) {
    this.nodes = List.copyOf(nodes);
    this.node = first;
    this.topic = topic;
    this.stream = stream;
    streams.incrementAndGet();
    this.thread = Thread.ofVirtual().name("failover-reader").start(this::read);
  }

  /**
   * Opens a live stream of {@code topic} on {@code nodes.get(first)} (as a page that has just
   * loaded, without Last-Event-ID) and returns once the node has answered it: from then on the
   * reader is subscribed, and every event committed later must reach it.
   */
  public static FailoverReader open(List<NodeProcess> nodes, int first, String topic) {
    var stream = SseClient.connect(nodes.get(first).baseUrl(), null, topic);
    if (stream.response().statusCode() != 200) {
      stream.close();
      throw new AssertionError("node on port " + nodes.get(first).port() + " refused a stream: "
          + stream.response().statusCode());
    }
    return new FailoverReader(nodes, first, topic, stream);
  }

  private void read() {
    while (!closed) {
      SseClient s = stream;
      SseClient.Message m = s.poll(POLL);
      if (m != null) {
        received(m);
      } else if (s.ended()) {
        s.close();
        reconnect();
      }
    }
    stream.close(); // one opened while close() ran
  }

  private void received(SseClient.Message m) {
    if (m.retry() != null) retryHints.incrementAndGet();
    if (m.id() == null) return; // a block with only a retry: field
    lastId = m.id();
    ids.add(m.id());
  }

  private void reconnect() {
    for (int refused = 1; !closed; refused++) {
      node = (node + 1) % nodes.size();
      SseClient s = tryOpen(nodes.get(node));
      if (s != null) {
        stream = s;
        streams.incrementAndGet();
        return;
      }
      if (refused % nodes.size() == 0) pause();
    }
  }

  private SseClient tryOpen(NodeProcess to) {
    SseClient s;
    try {
      s = SseClient.connect(to.baseUrl(), lastId, topic);
    } catch (IllegalStateException refused) {
      return null;
    }
    if (s.response().statusCode() == 200) return s;
    s.close();
    return null;
  }

  private static void pause() {
    try {
      Thread.sleep(RECONNECT_DELAY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every event id received so far, in the order received. */
  public List<String> ids() {
    synchronized (ids) {
      return List.copyOf(ids);
    }
  }

  /** How many streams it has opened: 1 until it first had to reconnect. */
  public int streams() {
    return streams.get();
  }

  /** How many {@code retry:} hints it got (a node sends one to each reader when it is stopped). */
  public int retryHints() {
    return retryHints.get();
  }

  /** The index of the node it reads from now (or last tried). */
  public int node() {
    return node;
  }

  /** Waits until it holds at least {@code count} ids. */
  public void awaitAtLeast(int count, Duration timeout) {
    Await.until(() -> ids.size() >= count, timeout,
        "a reader to hold " + count + " events (it holds " + ids.size() + ", on node " + node + ")");
  }

  @Override
  public void close() {
    closed = true;
    SseClient s = stream;
    if (s != null) s.close();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
