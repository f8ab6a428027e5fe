package newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link PresenceStore} contract, run against every implementation (a subclass each). Each
 * test starts on an empty database; {@link #open()} opens another store on it, as another node
 * would. Times are given, not read from a clock.
 */
public abstract class PresenceStoreContract<S extends Store & PresenceStore> extends StoreNodes<S> {
  static final Instant T0 = Instant.ofEpochMilli(1_800_000_000_000L);
  static final Duration LEASE = Duration.ofSeconds(10);
  static final String STORY = "https://news.example/stories/a";
  static final String HOME = "https://news.example/";

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void countsOfEveryLiveNodeAreSummedPerTopicAndNamedMembersKeptApart() {
    S a = open();
    S b = open();
    assertThat(a.sharePresence("a", at(0), at(0).plus(LEASE), List.of(PresenceRow.subscribers(STORY, 3),
        PresenceRow.subscribers(HOME, 1), new PresenceRow(STORY, "Ann", 1)))).isFalse();
    assertThat(b.sharePresence("b", at(1), at(1).plus(LEASE), List.of(PresenceRow.subscribers(STORY, 4),
        new PresenceRow(STORY, "Bob", 1)))).isFalse();
    assertThat(a.presence(at(2))).containsExactlyInAnyOrder(PresenceRow.subscribers(STORY, 7),
        PresenceRow.subscribers(HOME, 1), new PresenceRow(STORY, "Ann", 1), new PresenceRow(STORY, "Bob", 1));
  }

  @Test
  void aChangeReplacesTheNodesCountAndZeroDeletesIt() {
    S a = open();
    a.sharePresence("a", at(0), at(0).plus(LEASE), List.of(PresenceRow.subscribers(STORY, 3),
        new PresenceRow(STORY, "Ann", 1)));
    assertThat(a.sharePresence("a", at(2), at(2).plus(LEASE), List.of(PresenceRow.subscribers(STORY, 5),
        new PresenceRow(STORY, "Ann", 0)))).isTrue();
    assertThat(open().presence(at(3))).containsExactly(PresenceRow.subscribers(STORY, 5));
    a.sharePresence("a", at(4), at(4).plus(LEASE), List.of(PresenceRow.subscribers(STORY, 0)));
    assertThat(a.presence(at(5))).isEmpty();
  }

  @Test
  void aNodeWhoseLeaseRanOutCountsNoMoreAndItsRowsAreDeleted() {
    S a = open();
    S b = open();
    a.sharePresence("a", at(0), at(0).plus(LEASE), List.of(PresenceRow.subscribers(STORY, 3)));
    b.sharePresence("b", at(0), at(0).plus(LEASE), List.of(PresenceRow.subscribers(STORY, 4)));
    // b renews, a does not: past a's lease only b's readers count.
    b.sharePresence("b", at(8), at(8).plus(LEASE), List.of());
    assertThat(b.presence(at(11))).containsExactly(PresenceRow.subscribers(STORY, 4));
    b.sharePresence("b", at(12), at(12).plus(LEASE), List.of());
    // a comes back: its lease had lapsed and its rows were deleted, so it must share them all again.
    assertThat(a.sharePresence("a", at(13), at(13).plus(LEASE), List.of())).isFalse();
    assertThat(a.presence(at(13))).containsExactly(PresenceRow.subscribers(STORY, 4));
    a.sharePresence("a", at(14), at(14).plus(LEASE), List.of(PresenceRow.subscribers(STORY, 3)));
    assertThat(a.presence(at(14))).containsExactly(PresenceRow.subscribers(STORY, 7));
  }

  @Test
  void aStoppingNodeDropsItsRowsAtOnce() {
    S a = open();
    S b = open();
    a.sharePresence("a", at(0), at(0).plus(LEASE), List.of(PresenceRow.subscribers(STORY, 3)));
    b.sharePresence("b", at(0), at(0).plus(LEASE), List.of(PresenceRow.subscribers(STORY, 4)));
    a.dropPresence("a");
    assertThat(b.presence(at(1))).containsExactly(PresenceRow.subscribers(STORY, 4));
  }

  @Test
  void topicsAndMembersAreKeptAsGivenWhateverTheirCharacters() {
    S a = open();
    String odd = "https://news.example/stories/é?x='1';--" + "x".repeat(2000);
    a.sharePresence("a", at(0), at(0).plus(LEASE), List.of(PresenceRow.subscribers(odd, 2),
        new PresenceRow(odd, "Zoë O'Brien", 1)));
    assertThat(a.presence(at(1))).containsExactlyInAnyOrder(PresenceRow.subscribers(odd, 2),
        new PresenceRow(odd, "Zoë O'Brien", 1));
  }
}
