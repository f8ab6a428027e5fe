package newsdesk.callbacks;

import java.time.Duration;
import java.util.List;
import newsdesk.store.CallbackStore;
import newsdesk.store.Event;
import newsdesk.store.Store;
import newsdesk.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the event log into callback deliveries: reads the events after its cursor and hands them
 * to {@link Queue}, which queues their deliveries in the transaction that moves the cursor.
 * Nothing committed is missed (the log is durable and the cursor moves with the deliveries), and
 * of several nodes only one queues each event (the cursor moves only from where it was read). It
 * starts at the log's end when first run, not at its beginning. While nobody is registered for its
 * kind of delivery it reads no events: it moves its cursor past them once a poll.
 */
public final class EventDispatcher {
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
  static final int BATCH = 500;
  static final Duration POLL = Duration.ofMillis(200);

  private final String cursor;
  private final String kind;
  private final Store store;
  private final CallbackStore callbacks;
  private final Queue queue;
  private final Runnable queued;
  private volatile boolean running;
  private Thread thread;

  /** Queues the deliveries of {@code events} and moves {@code cursor} from {@code from} to {@code to}, at once. */
  @FunctionalInterface
  public interface Queue {
    /** @return false when another node moved the cursor first (nothing was queued) */
    boolean queue(String cursor, long from, long to, List<Event> events);
  }

  /**
   * @param cursor the dispatcher's name, its cursor's key in the store
   * @param kind the {@link newsdesk.store.CallbackDelivery} kind it queues, whose subscribers it asks for
   * @param queued called after deliveries were queued (wakes the outbox)
   */
  public EventDispatcher(String cursor, String kind, Store store, CallbackStore callbacks, Queue queue, Runnable queued) {
    this.cursor = cursor;
    this.kind = kind;
    this.store = store;
    this.callbacks = callbacks;
    this.queue = queue;
    this.queued = queued;
  }

  public void start() {
    running = true;
    thread = Thread.ofVirtual().name(cursor + "-dispatch").start(this::loop);
  }

  private void loop() {
    while (running) {
      try {
        if (!dispatchOnce()) Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (StoreUnavailableException e) {
        sleepQuietly(Duration.ofSeconds(1)); // the store logs the outage once
      } catch (RuntimeException e) {
        log.warn("queuing {} deliveries failed; trying again shortly", cursor, e);
        sleepQuietly(Duration.ofSeconds(1));
      }
    }
  }

  /** Queues the next batch of events' deliveries; false when the log had nothing new. */
  boolean dispatchOnce() {
    long last = store.lastSeq();
    long at = callbacks.callbackCursor(cursor, last);
    if (at >= last) return false;
    if (!callbacks.anySubscribers(kind)) {
      // A subscriber gets only what is appended once it is there, and every event up to `last` was
      // appended before this check: nobody's. Passed over unread, with one write a poll, not a read,
      // a rendering and a write per publish.
      queue.queue(cursor, at, last, List.of());
      return false;
    }
    List<Event> events = store.eventsAfter(at, BATCH);
    if (events.isEmpty()) return false;
    if (queue.queue(cursor, at, events.getLast().seq(), events)) queued.run();
    return true;
  }

  public void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
