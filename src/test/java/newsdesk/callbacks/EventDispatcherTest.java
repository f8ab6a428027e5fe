package newsdesk.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import newsdesk.store.CallbackDelivery;
import newsdesk.store.CallbackStore;
import newsdesk.store.Event;
import newsdesk.store.NewEvent;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.SqliteStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher reads no events while nobody is registered, and a later registration misses nothing after it. */
class EventDispatcherTest {
  @TempDir Path dir;
  SqlStore store;
  CallbackStore callbacks;
  /** The events of every batch handed to the queue, in order. */
  final List<List<String>> batches = new CopyOnWriteArrayList<>();
  EventDispatcher dispatcher;

  @BeforeEach
  void open() {
    store = SqliteStores.open(dir);
    callbacks = store.callbacks();
    dispatcher = new EventDispatcher("webhooks", CallbackDelivery.WEBHOOK, store, callbacks, (cursor, from, to, events) -> {
      batches.add(events.stream().map(Event::data).toList());
      return callbacks.queueWebhookDeliveries(cursor, from, to, List.of(), Instant.now(), Instant.now());
    }, () -> {});
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void append(String data) {
    store.write(tx -> tx.appendEvent(new NewEvent(null, null, List.of("t"), data, false, null)));
  }

  @Test
  void withNobodyRegisteredTheCursorPassesTheEventsUnreadAndARegistrationGetsWhatFollows() {
    append("before-start");
    assertThat(dispatcher.dispatchOnce()).as("starts at the log's end").isFalse();
    append("nobody-1");
    append("nobody-2");
    assertThat(dispatcher.dispatchOnce()).as("nothing to read for anyone: wait a poll").isFalse();
    assertThat(batches).containsExactly(List.of());
    assertThat(callbacks.callbackCursor("webhooks", 0)).isEqualTo(3);

    callbacks.saveWebhook("https://hooks.example/1", "whsec_a", Instant.now());
    append("registered-1");
    assertThat(dispatcher.dispatchOnce()).isTrue();
    assertThat(batches).containsExactly(List.of(), List.of("registered-1"));
    assertThat(dispatcher.dispatchOnce()).isFalse();
  }
}
