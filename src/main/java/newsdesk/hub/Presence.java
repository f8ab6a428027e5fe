package newsdesk.hub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import newsdesk.store.PresenceRow;
import newsdesk.store.PresenceStore;
import newsdesk.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who has what open right now on every node: the one registry of presence (decision 0164). This
 * node's share is what its shards count ({@link OpenTopics}: every SSE, Mercure and WebSocket
 * subscription, per exact topic) and the named members that joined here (an editor whose page
 * sends heartbeats). Every {@link #SHARE_EVERY} it writes to the store only what changed since it
 * last did, renewing its lease, and reads back the sum over every live node; so 18,000 readers
 * cost each node one small transaction and one read per period, not a message per reader, and a
 * node that dies drops out when its lease lapses ({@link #LEASE}).
 *
 * <p>The answers ({@link #subscribers}, {@link #members}) are the view of the last share: at most
 * one period old, never a store read of their own, so a desk polling them costs nothing.
 */
public final class Presence implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Presence.class);
  public static final Duration SHARE_EVERY = Duration.ofSeconds(2);
  /** Five periods: a node whose store is slow for a few seconds does not blink out of every count. */
  public static final Duration LEASE = SHARE_EVERY.multipliedBy(5);
  /** How long a member's heartbeat keeps it present; its page sends one every 10 seconds. */
  public static final Duration MEMBER_FOR = Duration.ofSeconds(30);

  private record Key(String topic, String member) {}

  private record View(Map<String, Long> subscribers, Map<String, List<String>> members) {
    static final View EMPTY = new View(Map.of(), Map.of());
  }

  private final PresenceStore store;
  private final OpenTopics open;
  private final String node;
  private final Clock clock;
  private final Map<Key, Instant> joined = new ConcurrentHashMap<>();
  private final Map<Key, Integer> held = new ConcurrentHashMap<>();
  // Touched by share() only, which runs on one thread at a time:
  private Map<Key, Long> shared = new HashMap<>();
  private boolean failing;
  private volatile View view = View.EMPTY;
  private ScheduledExecutorService timer;

  public Presence(PresenceStore store, OpenTopics open, String node, Clock clock) {
    this.store = store;
    this.open = open;
    this.node = node;
    this.clock = clock;
  }

  /** Shares every {@link #SHARE_EVERY} on a thread of its own until {@link #close}. */
  public synchronized void start() {
    if (timer != null) return;
    timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("presence").daemon().factory());
    long ms = SHARE_EVERY.toMillis();
    timer.scheduleWithFixedDelay(this::share, 0, ms, TimeUnit.MILLISECONDS);
  }

  /** Marks {@code member} present on {@code topic} for {@link #MEMBER_FOR} from now (a heartbeat). */
  public void join(String topic, String member) {
    if (member.isEmpty()) throw new IllegalArgumentException("a member has a name");
    joined.put(new Key(topic, member), clock.instant().plus(MEMBER_FOR));
  }

  /** {@code member} has left {@code topic} (its page closed); other nodes hear at the next share. */
  public void leave(String topic, String member) {
    joined.remove(new Key(topic, member));
  }

  /**
   * Marks {@code member} present on {@code topic} until the returned action runs, however long
   * (a Mercure subscription while its connection is open); running it again does nothing.
   */
  public Runnable hold(String topic, String member) {
    if (member.isEmpty()) throw new IllegalArgumentException("a member has a name");
    var key = new Key(topic, member);
    held.merge(key, 1, Integer::sum);
    var released = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) held.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    };
  }

  /** The members present on every topic that starts with {@code prefix}, by topic, as of the last share. */
  public Map<String, List<String>> membersUnder(String prefix) {
    var out = new java.util.TreeMap<String, List<String>>();
    view.members().forEach((topic, names) -> {
      if (topic.startsWith(prefix)) out.put(topic, names);
    });
    return out;
  }

  /** Open subscriptions to {@code topic} on every live node, as of the last share. */
  public long subscribers(String topic) {
    return view.subscribers().getOrDefault(topic, 0L);
  }

  /** The members present on {@code topic} on every live node, sorted, as of the last share. */
  public List<String> members(String topic) {
    return view.members().getOrDefault(topic, List.of());
  }

  /**
   * One exchange with the store: this node's changes out, everyone's sums in. A store out of reach
   * leaves the last view in place and the changes for the next try. Blocks.
   */
  public synchronized void share() {
    try {
      Instant now = clock.instant();
      Map<Key, Long> current = current(now);
      if (!store.sharePresence(node, now, now.plus(LEASE), changes(shared, current))) {
        // No lease before this share: the store holds none of our rows, so all of them go.
        store.sharePresence(node, now, now.plus(LEASE), changes(Map.of(), current));
      }
      shared = current;
      view = view(store.presence(now));
      if (failing) log.info("presence is shared again");
      failing = false;
    } catch (StoreUnavailableException e) {
      failing = true; // the store logs the outage once
    } catch (RuntimeException e) {
      if (!failing) log.warn("sharing presence failed; trying again in {}", SHARE_EVERY, e);
      failing = true;
    }
  }

  private Map<Key, Long> current(Instant now) {
    joined.values().removeIf(until -> !until.isAfter(now));
    var rows = new HashMap<Key, Long>();
    open.snapshot().forEach((topic, n) -> rows.put(new Key(topic, ""), n));
    for (Key k : joined.keySet()) rows.put(k, 1L);
    for (Key k : held.keySet()) rows.put(k, 1L);
    return rows;
  }

  private static List<PresenceRow> changes(Map<Key, Long> before, Map<Key, Long> after) {
    var out = new ArrayList<PresenceRow>();
    after.forEach((k, n) -> {
      if (!n.equals(before.get(k))) out.add(new PresenceRow(k.topic(), k.member(), n));
    });
    before.forEach((k, n) -> {
      if (!after.containsKey(k)) out.add(new PresenceRow(k.topic(), k.member(), 0));
    });
    return out;
  }

  private static View view(List<PresenceRow> rows) {
    var subscribers = new HashMap<String, Long>();
    var members = new HashMap<String, TreeSet<String>>();
    for (PresenceRow r : rows) {
      if (r.named()) members.computeIfAbsent(r.topic(), t -> new TreeSet<>()).add(r.member());
      else subscribers.merge(r.topic(), r.count(), Long::sum);
    }
    var named = new HashMap<String, List<String>>();
    members.forEach((t, names) -> named.put(t, List.copyOf(names)));
    return new View(Map.copyOf(subscribers), Map.copyOf(named));
  }

  /** Stops sharing and takes this node's rows out at once (best effort: else its lease lapses). */
  @Override
  public void close() {
    synchronized (this) {
      if (timer != null) timer.shutdownNow();
    }
    try {
      store.dropPresence(node);
    } catch (RuntimeException e) {
      log.debug("could not drop this node's presence; it lapses with its lease", e);
    }
  }
}
