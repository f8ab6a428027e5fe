package newsdesk.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import newsdesk.store.Event;
import org.junit.jupiter.api.Test;

/** A shard's fan-out: what each subscriber's sink is asked to write, and in how many writes. */
class ShardTest {
  static final String CITY = "https://news.example.com/sections/city";
  static final String SPORT = "https://news.example.com/sections/sport";

  /** The shard's event loop, run by hand so that events can queue up before any is written. */
  private final ArrayDeque<Runnable> loop = new ArrayDeque<>();
  private final Shard shard = new Shard(this, loop::add, new HubMetrics(new SimpleMeterRegistry()), new OpenTopics());
  private long seq;

  /** Records each write: one list per send or sendAll, holding the events' sequence numbers. */
  private static final class WriteLog extends IdleSink {
    final List<List<Long>> writes = new ArrayList<>();
    boolean open = true;

    @Override
    public void send(Delivery d) {
      writes.add(List.of(d.event().seq()));
    }

    @Override
    public void sendAll(List<Delivery> ds) {
      writes.add(ds.stream().map(d -> d.event().seq()).toList());
    }

    List<Long> received() {
      return writes.stream().flatMap(List::stream).toList();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }

  private WriteLog subscriber(Audience audience, String... topics) {
    var sink = new WriteLog();
    var selectors = java.util.Arrays.stream(topics).map(TopicSelector::of).toList();
    shard.add(new Subscription(selectors, audience, sink, shard, 100, false));
    return sink;
  }

  private long deliver(String topic, boolean privateUpdate, int chars) {
    long s = ++seq;
    shard.deliver(new Delivery(new Event(s, Long.toString(s), "entry.added", List.of(topic), "x".repeat(chars),
        privateUpdate, null, Instant.EPOCH)));
    return s;
  }

  private long deliver(String topic) {
    return deliver(topic, false, 10);
  }

  private void runLoop() {
    for (Runnable task; (task = loop.poll()) != null; ) task.run();
  }

  @Test
  void aLoneEventIsOneWriteToEachSubscriber() {
    var a = subscriber(Audience.PUBLIC, CITY);
    var b = subscriber(Audience.PUBLIC, CITY);
    long first = deliver(CITY);
    runLoop();
    assertThat(a.writes).containsExactly(List.of(first));
    assertThat(b.writes).containsExactly(List.of(first));
  }

  @Test
  void eventsThatQueueForTheSameAudienceGoOutInOneWriteEachInOrder() {
    var a = subscriber(Audience.PUBLIC, CITY);
    var b = subscriber(Audience.PUBLIC, CITY);
    var seqs = List.of(deliver(CITY), deliver(CITY), deliver(CITY));
    runLoop();
    assertThat(a.writes).containsExactly(seqs);
    assertThat(b.writes).containsExactly(seqs);
  }

  @Test
  void anEventForAnotherAudienceBetweenThemKeepsTheOrderAndTheWritesApart() {
    var city = subscriber(Audience.PUBLIC, CITY);
    var both = subscriber(Audience.PUBLIC, CITY, SPORT);
    long c1 = deliver(CITY);
    long s2 = deliver(SPORT);
    long c3 = deliver(CITY);
    runLoop();
    assertThat(both.writes).containsExactly(List.of(c1), List.of(s2), List.of(c3));
    assertThat(city.writes).containsExactly(List.of(c1), List.of(c3));
  }

  @Test
  void aPassAlreadyBeingWrittenTakesNoMoreEvents() {
    var a = subscriber(Audience.PUBLIC, CITY);
    long first = deliver(CITY);
    runLoop();
    long second = deliver(CITY);
    long third = deliver(CITY);
    runLoop();
    assertThat(a.writes).containsExactly(List.of(first), List.of(second, third));
  }

  @Test
  void aPrivateEventIsLeftOutOfTheWriteOfASubscriberWhoMayNotHaveIt() {
    var reader = subscriber(Audience.PUBLIC, CITY);
    var editor = subscriber(Audience.granted(List.of(TopicSelector.of(CITY))), CITY);
    long p1 = deliver(CITY);
    long secret = deliver(CITY, true, 10);
    long p3 = deliver(CITY);
    runLoop();
    assertThat(reader.writes).containsExactly(List.of(p1, p3));
    assertThat(editor.writes).containsExactly(List.of(p1, secret, p3));
  }

  @Test
  void oneWriteCarriesAtMostItsShareOfEventsAndOfData() {
    var a = subscriber(Audience.PUBLIC, CITY);
    var many = IntStream.range(0, Delivery.MOST_PER_WRITE + 8).mapToObj(i -> deliver(CITY)).toList();
    runLoop();
    assertThat(a.writes).extracting(List::size).containsExactly(Delivery.MOST_PER_WRITE, 8);
    assertThat(a.received()).isEqualTo(many);

    var b = subscriber(Audience.PUBLIC, SPORT);
    var big = IntStream.range(0, 5).mapToObj(i -> deliver(SPORT, false, Delivery.MOST_CHARS_PER_WRITE / 2)).toList();
    runLoop();
    assertThat(b.writes).extracting(List::size).containsExactly(2, 2, 1);
    assertThat(b.received()).isEqualTo(big);
  }

  @Test
  void aSubscriberThatClosedBetweenEventsIsWrittenNothingMore() {
    var gone = subscriber(Audience.PUBLIC, CITY);
    var stays = subscriber(Audience.PUBLIC, CITY);
    long first = deliver(CITY);
    gone.close();
    long second = deliver(CITY);
    runLoop();
    assertThat(gone.writes).isEmpty();
    assertThat(stays.writes).containsExactly(List.of(first, second));
  }
}
