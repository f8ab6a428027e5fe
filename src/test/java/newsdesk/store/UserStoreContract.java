package newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The {@link UserStore} contract, run against every implementation (a subclass each). Each test
 * starts on an empty database; {@link #open()} opens another store on it, as another node would.
 * Times are given, not read from a clock.
 */
public abstract class UserStoreContract<S extends Store & UserStore> extends StoreNodes<S> {
  static final Instant T0 = Instant.ofEpochMilli(1_800_000_000_000L);

  static User user(String email, Role role) {
    return new User(0, email, "Name of " + email, role, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", T0, null);
  }

  static DeskSession session(String hash, User u, Duration life) {
    return new DeskSession(hash, u.id(), T0, T0.plus(life));
  }

  @Test
  void aUserIsStoredWithItsEmailLowerCasedAndFoundByItInAnyCase() {
    S store = open();
    User ann = store.insertUser(user("Ann.Editor@Example.org", Role.EDITOR)).orElseThrow();
    assertThat(ann.id()).isPositive();
    assertThat(ann.email()).isEqualTo("ann.editor@example.org");
    assertThat(store.userByEmail("ANN.EDITOR@example.ORG")).hasValueSatisfying(u -> {
      assertThat(u.id()).isEqualTo(ann.id());
      assertThat(u.displayName()).isEqualTo("Name of Ann.Editor@Example.org");
      assertThat(u.role()).isEqualTo(Role.EDITOR);
      assertThat(u.passwordHash()).startsWith("$argon2id$");
      assertThat(u.createdAt()).isEqualTo(T0);
      assertThat(u.active()).isTrue();
    });
    assertThat(store.userByEmail("bob@example.org")).isEmpty();
    assertThat(store.insertUser(user("ann.editor@EXAMPLE.org", Role.ADMIN))).isEmpty();
    User bob = store.insertUser(user("bob@example.org", Role.CONTRIBUTOR)).orElseThrow();
    assertThat(open().users()).extracting(User::email).containsExactly(ann.email(), bob.email());
  }

  @Test
  void twoNodesAddingOneEmailAtOnceStoreItOnce() throws Exception {
    List<S> nodes = List.of(open(), open(), open());
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
    try {
      var start = new CountDownLatch(1);
      var tries = new ArrayList<Future<Optional<User>>>();
      for (S node : nodes) {
        tries.add(pool.submit(() -> {
          start.await();
          return node.insertUser(user("same@example.org", Role.EDITOR));
        }));
      }
      start.countDown();
      int stored = 0;
      for (var t : tries) if (t.get().isPresent()) stored++;
      assertThat(stored).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(nodes.get(0).users()).hasSize(1);
  }

  @Test
  void aSessionWorksOnEveryNodeUntilItExpiresOrIsEnded() {
    S a = open();
    S b = open();
    User ann = a.insertUser(user("ann@example.org", Role.EDITOR)).orElseThrow();
    a.insertSession(session("hash-1", ann, Duration.ofHours(1)));
    assertThat(b.session("hash-1", T0.plusSeconds(60))).hasValueSatisfying(s -> {
      assertThat(s.user().email()).isEqualTo("ann@example.org");
      assertThat(s.session().userId()).isEqualTo(ann.id());
      assertThat(s.session().expiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    });
    assertThat(b.session("hash-1", T0.plus(Duration.ofHours(1)))).as("at its expiry").isEmpty();
    assertThat(b.session("other", T0)).isEmpty();
    assertThat(b.deleteSession("hash-1")).isTrue();
    assertThat(a.session("hash-1", T0)).isEmpty();
    assertThat(a.deleteSession("hash-1")).isFalse();
  }

  @Test
  void disablingAUserEndsTheirSessionsOnEveryNodeAndOnlyTheirs() {
    S a = open();
    S b = open();
    User ann = a.insertUser(user("ann@example.org", Role.EDITOR)).orElseThrow();
    User bob = a.insertUser(user("bob@example.org", Role.EDITOR)).orElseThrow();
    a.insertSession(session("ann-1", ann, Duration.ofHours(8)));
    a.insertSession(session("ann-2", ann, Duration.ofHours(8)));
    a.insertSession(session("bob-1", bob, Duration.ofHours(8)));
    assertThat(b.session("ann-1", T0)).isPresent();

    assertThat(a.disableUser("ANN@example.org", T0.plusSeconds(5))).isTrue();
    assertThat(b.session("ann-1", T0.plusSeconds(6))).isEmpty();
    assertThat(b.session("ann-2", T0.plusSeconds(6))).isEmpty();
    assertThat(b.session("bob-1", T0.plusSeconds(6))).isPresent();
    assertThat(b.userByEmail("ann@example.org")).hasValueSatisfying(u -> {
      assertThat(u.active()).isFalse();
      assertThat(u.disabledAt()).isEqualTo(T0.plusSeconds(5));
    });
    assertThat(b.disableUser("ann@example.org", T0.plusSeconds(9))).as("already disabled").isFalse();
    assertThat(b.disableUser("nobody@example.org", T0)).isFalse();
    assertThat(b.userByEmail("ann@example.org").orElseThrow().disabledAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void aDisabledUsersSessionDoesNotWorkEvenIfItsRowRemains() {
    S store = open();
    User ann = store.insertUser(user("ann@example.org", Role.EDITOR)).orElseThrow();
    store.disableUser("ann@example.org", T0);
    // A session written after the disable (a sign-in racing it on another node) must not work either.
    store.insertSession(session("late", ann, Duration.ofHours(1)));
    assertThat(store.session("late", T0.plusSeconds(1))).isEmpty();
  }

  @Test
  void pruningDeletesOnlyExpiredSessions() {
    S store = open();
    User ann = store.insertUser(user("ann@example.org", Role.EDITOR)).orElseThrow();
    store.insertSession(session("short", ann, Duration.ofMinutes(1)));
    store.insertSession(session("long", ann, Duration.ofHours(1)));
    assertThat(store.pruneSessions(T0.plusSeconds(30))).isZero();
    assertThat(store.pruneSessions(T0.plus(Duration.ofMinutes(1)))).isEqualTo(1);
    assertThat(store.deleteSession("short")).isFalse();
    assertThat(store.session("long", T0.plusSeconds(61))).isPresent();
  }
}
