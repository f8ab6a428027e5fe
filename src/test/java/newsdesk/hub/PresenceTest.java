package newsdesk.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.SqliteStores;
import newsdesk.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry of presence as two nodes on one store see it: each counts its own subscriptions,
 * shares them, and reads back the sum; a node whose lease lapses drops out. The clock is moved by
 * hand and {@link Presence#share} called directly, so nothing waits on a timer.
 */
class PresenceTest {
  static final String STORY = "https://news.example/stories/bridge";
  static final String HOME = "https://news.example/";

  @TempDir Path dir;
  final MutableClock clock = new MutableClock();
  SqlStore storeA;
  SqlStore storeB;

  @AfterEach
  void close() {
    if (storeA != null) storeA.close();
    if (storeB != null) storeB.close();
  }

  private Presence node(String name, OpenTopics open) {
    SqlStore s = SqliteStores.open(dir);
    if (storeA == null) storeA = s;
    else storeB = s;
    return new Presence(s, open, name, clock);
  }

  @Test
  void subscribersOnBothNodesAreSummedAndLeaveWhenTheirConnectionsClose() {
    var openA = new OpenTopics();
    var openB = new OpenTopics();
    Presence a = node("a", openA);
    Presence b = node("b", openB);
    openA.opened(Set.of(STORY, HOME));
    openB.opened(Set.of(STORY));
    openB.opened(Set.of(STORY));
    a.share();
    b.share();
    a.share();
    assertThat(a.subscribers(STORY)).isEqualTo(3);
    assertThat(a.subscribers(HOME)).isEqualTo(1);
    assertThat(b.subscribers(STORY)).isEqualTo(3);
    openB.closed(Set.of(STORY));
    openB.closed(Set.of(STORY));
    clock.advance(Presence.SHARE_EVERY);
    b.share();
    a.share();
    assertThat(a.subscribers(STORY)).isEqualTo(1);
    openA.closed(Set.of(STORY, HOME));
    a.share();
    assertThat(a.subscribers(STORY)).isZero();
    assertThat(a.subscribers(HOME)).isZero();
  }

  @Test
  void aNodeThatStopsSharingDropsOutWhenItsLeaseLapsesAndComesBackWhole() {
    var openA = new OpenTopics();
    var openB = new OpenTopics();
    Presence a = node("a", openA);
    Presence b = node("b", openB);
    openA.opened(Set.of(STORY));
    openB.opened(Set.of(STORY));
    a.share();
    b.share();
    assertThat(b.subscribers(STORY)).isEqualTo(2);
    clock.advance(Presence.LEASE); // a is silent for a whole lease
    b.share();
    assertThat(b.subscribers(STORY)).isEqualTo(1);
    a.share(); // a's lease had lapsed: it shares every row again, not only changes (there were none)
    b.share();
    assertThat(b.subscribers(STORY)).isEqualTo(2);
  }

  @Test
  void membersArePresentWhileTheirHeartbeatsLastAndLeaveAtOnceWhenTheySay() {
    Presence a = node("a", new OpenTopics());
    Presence b = node("b", new OpenTopics());
    a.join(STORY, "Ann Editor");
    b.join(STORY, "Bob Writer");
    a.share();
    b.share();
    assertThat(b.members(STORY)).containsExactly("Ann Editor", "Bob Writer");
    assertThat(b.subscribers(STORY)).as("editors are not counted as readers").isZero();
    // Both nodes share every period; Bob's page sends heartbeats, Ann's stopped.
    for (var waited = java.time.Duration.ZERO; waited.compareTo(Presence.MEMBER_FOR) < 0;
        waited = waited.plus(Presence.SHARE_EVERY)) {
      clock.advance(Presence.SHARE_EVERY);
      b.join(STORY, "Bob Writer");
      a.share();
      b.share();
    }
    assertThat(b.members(STORY)).containsExactly("Bob Writer");
    b.leave(STORY, "Bob Writer");
    b.share();
    assertThat(a.members(STORY)).containsExactly("Bob Writer"); // a's view is one share old
    a.share();
    assertThat(a.members(STORY)).isEmpty();
  }

  @Test
  void aHeldMemberStaysWithoutHeartbeatsUntilReleasedAndIsListedByTopicPrefix() {
    Presence a = node("a", new OpenTopics());
    Presence b = node("b", new OpenTopics());
    String prefix = "/.well-known/mercure/subscriptions/";
    Runnable release = a.hold(prefix + "t1/s1", "{\"subscriber\":\"s1\"}");
    b.hold(prefix + "t2/s2", "{\"subscriber\":\"s2\"}");
    b.hold("https://news.example/other", "Ann");
    for (var waited = java.time.Duration.ZERO; waited.compareTo(Presence.MEMBER_FOR) <= 0;
        waited = waited.plus(Presence.SHARE_EVERY)) {
      clock.advance(Presence.SHARE_EVERY);
      a.share();
      b.share();
    }
    assertThat(b.membersUnder(prefix)).containsOnlyKeys(prefix + "t1/s1", prefix + "t2/s2");
    assertThat(b.membersUnder(prefix).get(prefix + "t1/s1")).containsExactly("{\"subscriber\":\"s1\"}");
    release.run();
    release.run(); // once only
    a.share();
    b.share();
    assertThat(b.membersUnder(prefix)).containsOnlyKeys(prefix + "t2/s2");
  }

  @Test
  void aClosedNodeTakesItsRowsOutAtOnce() {
    var openA = new OpenTopics();
    Presence a = node("a", openA);
    Presence b = node("b", new OpenTopics());
    openA.opened(Set.of(STORY));
    a.share();
    a.close();
    b.share();
    assertThat(b.subscribers(STORY)).isZero();
  }
}
