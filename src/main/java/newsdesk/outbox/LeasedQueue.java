package newsdesk.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The store side of an {@link Outbox}: items that go pending → (claim, committed before any work,
 * leased to a named node) in flight → done, or back to pending. Claims on several nodes never hand
 * out one item twice; a completion counts only while the claim is still its node's; a restarted
 * node takes back its own claims at once ({@link #release}), any node a dead node's once the
 * lease has run out. Every method may throw {@code StoreUnavailableException}.
 *
 * @param <D> a claimed item
 * @param <C> how the work on one ended
 */
public interface LeasedQueue<D, C> {

  /** At start-up: items {@code node} claimed in a previous life become pending again; how many. */
  int release(String node);

  /** When the next item falls due (a pending one, or a lease that runs out), if any. A read. */
  Optional<Instant> nextDue();

  /** Claims for {@code node} up to {@code limit} items due by {@code now}, until {@code now + lease}. */
  List<D> claim(String node, Instant now, Duration lease, int limit);

  /** Records how {@code node}'s work ended, in one transaction; claims taken over since are left alone. */
  void complete(String node, List<C> completions);

  /** The claim step alone, as a store spells it. */
  @FunctionalInterface
  interface Claim<D> {
    List<D> claim(String node, Instant now, Duration lease, int limit);
  }

  /** A queue made of a store's four methods, e.g. {@code of(store::releasePushClaims, store::nextPushDue, …)}. */
  static <D, C> LeasedQueue<D, C> of(ToIntFunction<String> release, Supplier<Optional<Instant>> nextDue, Claim<D> claim,
      BiConsumer<String, List<C>> complete) {
    return new LeasedQueue<>() {
      @Override
      public int release(String node) {
        return release.applyAsInt(node);
      }

      @Override
      public Optional<Instant> nextDue() {
        return nextDue.get();
      }

      @Override
      public List<D> claim(String node, Instant now, Duration lease, int limit) {
        return claim.claim(node, now, lease, limit);
      }

      @Override
      public void complete(String node, List<C> completions) {
        complete.accept(node, completions);
      }
    };
  }
}
