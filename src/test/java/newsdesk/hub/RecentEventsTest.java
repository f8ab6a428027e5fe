package newsdesk.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import newsdesk.store.Event;
import org.junit.jupiter.api.Test;

class RecentEventsTest {
  private static Delivery event(long seq, String data) {
    return new Delivery(new Event(seq, Long.toString(seq), null, List.of("t"), data, false, null, Instant.EPOCH));
  }

  private static List<Long> seqs(List<Delivery> held) {
    return held.stream().map(d -> d.event().seq()).toList();
  }

  @Test
  void answersForEverythingAfterAnEventItHolds() {
    var recent = new RecentEvents(10, 1 << 20);
    for (long s = 1; s <= 5; s++) recent.add(event(s, "x"));

    assertThat(recent.seqOf("3")).hasValue(3);
    assertThat(seqs(recent.after(3, 100))).containsExactly(4L, 5L);
    assertThat(seqs(recent.after(1, 2))).containsExactly(2L, 3L);
    assertThat(recent.after(5, 100)).isEmpty();
  }

  @Test
  void sendsTheStoreAnythingOlderThanWhatItHolds() {
    var recent = new RecentEvents(3, 1 << 20);
    for (long s = 1; s <= 5; s++) recent.add(event(s, "x"));

    assertThat(recent.size()).isEqualTo(3);
    assertThat(recent.seqOf("2")).isEmpty();
    assertThat(recent.after(2, 100)).as("2 is older than the oldest held").isNull();
    assertThat(seqs(recent.after(3, 100))).containsExactly(4L, 5L);
  }

  @Test
  void gapsInSequenceNumbersAreFine() {
    var recent = new RecentEvents(10, 1 << 20);
    for (long s : new long[] {10, 20, 30}) recent.add(event(s, "x"));

    assertThat(seqs(recent.after(10, 100))).containsExactly(20L, 30L);
    assertThat(seqs(recent.after(15, 100))).containsExactly(20L, 30L);
    assertThat(recent.after(9, 100)).isNull();
  }

  @Test
  void staysWithinItsBytesAndAnEventTooLargeEmptiesItRatherThanLeaveAHole() {
    var recent = new RecentEvents(100, 2_000);
    for (long s = 1; s <= 20; s++) recent.add(event(s, "x".repeat(200)));
    assertThat(recent.size()).isBetween(1, 4);
    long oldest = 21 - recent.size();
    assertThat(recent.after(oldest - 1, 100)).isNull();

    recent.add(event(21, "y".repeat(5_000)));
    assertThat(recent.size()).isZero();
    assertThat(recent.after(20, 100)).isNull();

    recent.add(event(22, "z"));
    assertThat(recent.after(21, 100)).as("21 is not held: the store must answer").isNull();
    assertThat(seqs(recent.after(22, 100))).isEmpty();
  }

  @Test
  void forgetsWhatThePruneRemoved() {
    var recent = new RecentEvents(10, 1 << 20);
    for (long s = 1; s <= 5; s++) recent.add(event(s, "x"));
    recent.dropThrough(3);

    assertThat(recent.seqOf("3")).isEmpty();
    assertThat(recent.after(3, 100)).isNull();
    assertThat(seqs(recent.after(4, 100))).containsExactly(5L);
  }

  @Test
  void ignoresAnEventItAlreadyHasAndHoldsNothingWhenSizedZero() {
    var recent = new RecentEvents(10, 1 << 20);
    recent.add(event(1, "x"));
    recent.add(event(1, "x"));
    assertThat(recent.size()).isEqualTo(1);

    var none = new RecentEvents(0, 1 << 20);
    none.add(event(1, "x"));
    assertThat(none.seqOf("1")).isEmpty();
    assertThat(none.after(0, 10)).isNull();
  }
}
