package newsdesk.bus;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import newsdesk.store.Event;
import newsdesk.store.Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the sequencer adds to a single node's publish: the in-process bus handing the next event to
 * a listener, against the listener called directly (the bus before the sequencer). Run as
 * bench/jmh runs FanoutBenchmark, with {@code org.openjdk.jmh.Main SequencerBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SequencerBenchmark {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<String> TOPICS = List.of("https://news.example/stories/a");

  private LocalEventBus bus;
  private Blackhole sink;
  private long seq;

  @Setup
  public void setUp(Blackhole bh) {
    Store empty = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
        (p, m, args) -> m.getName().equals("lastSeq") ? 0L : null);
    sink = bh;
    bus = new LocalEventBus(empty);
    bus.listen(bh::consume);
  }

  @TearDown
  public void tearDown() {
    bus.close();
  }

  private Event next() {
    return new Event(++seq, "x", null, TOPICS, "{}", false, null, AT);
  }

  @Benchmark
  public void listenerCalledDirectly() {
    sink.consume(next());
  }

  @Benchmark
  public void throughTheSequencer() {
    bus.publish(next());
  }
}
