package newsdesk.hub;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import newsdesk.store.Event;
import newsdesk.transport.sse.SseEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hub's hot path without the network: one event encoded as SSE and offered to every
 * subscription of a shard, each of which writes the shared bytes to its sink. Run with bench/jmh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanoutBenchmark {
  @Param({"1000", "18000"})
  int subscribers;

  /** Exact topics only (the reader pages' case), or every subscription a URI template. */
  @Param({"exact", "template"})
  String selectors;

  private Shard shard;
  private Event event;
  private long seq;

  /** A sink that does what SseSink does up to the socket: take the shared encoded bytes. */
  static final class CountingSink extends IdleSink {
    long bytes;

    @Override
    public void send(Delivery d) {
      Buffer b = d.encoded(SseEncoder.INSTANCE);
      bytes += b.length();
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    var fanout = new Fanout(new HubMetrics(new SimpleMeterRegistry()));
    shard = fanout.shard(this, Runnable::run);
    String topic = "https://news.example.com/stories/storm-live";
    var selector = TopicSelector.of(selectors.equals("exact") ? topic : "https://news.example.com/stories/{slug}");
    for (int i = 0; i < subscribers; i++) {
      shard.add(new Subscription(List.of(selector), Audience.PUBLIC, new CountingSink(), shard, 1000, false));
    }
    event = new Event(0, "0", "entry.added", List.of(topic, "https://news.example.com/sections/city",
        "https://news.example.com/"), "{\"story\":\"storm-live\",\"entry\":{\"id\":1,\"bodyHtml\":\"<p>"
        + "x".repeat(120) + "</p>\"}}", false, null, Instant.EPOCH);
  }

  @Benchmark
  public void encodeOnceAndFanOut(Blackhole bh) {
    long s = ++seq; // each iteration is a new event, so the once-per-event encoding is measured too
    var e = new Event(s, Long.toString(s), event.type(), event.topics(), event.data(), false, null, event.createdAt());
    shard.deliver(new Delivery(e));
    bh.consume(e);
  }
}
