package newsdesk.content;

import java.util.concurrent.Callable;
import java.util.function.Function;
import newsdesk.hub.Hub;
import newsdesk.store.Story;
import newsdesk.store.WriteTx;

/**
 * The hub as content writes through it: every change whose work returns a story that readers
 * cannot see is announced to the desk in the same transaction ({@link DeskAnnouncements}), so no
 * content change, today's or one added later, has to remember to; a change that returns something
 * else (a live entry, a keyed answer) calls {@link #announce}. Otherwise the hub's own calls.
 */
final class ContentWrites {
  private final Hub hub;
  private final DeskAnnouncements desk;

  ContentWrites(Hub hub, DeskAnnouncements desk) {
    this.hub = hub;
    this.desk = desk;
  }

  /** {@link Hub#publish}, announcing a returned story that is not public to the desk. Blocks. */
  <T> T publish(Function<WriteTx, T> work) {
    return hub.publish(tx -> {
      T value = work.apply(tx);
      if (value instanceof Story s) desk.announce(tx, s);
      return value;
    });
  }

  /**
   * Announces {@code s} to the desk if it is not public, for a change whose work returns something
   * else (a live entry, a keyed answer). Call it inside the write that changed {@code s}.
   */
  void announce(WriteTx tx, Story s) {
    desk.announce(tx, s);
  }

  <T> T holdingEvents(Callable<T> work) throws Exception {
    return hub.holdingEvents(work);
  }

  void releaseEvents() {
    hub.releaseEvents();
  }

  String lastEventId() {
    return hub.lastEventId();
  }
}
