package newsdesk.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import newsdesk.store.Event;
import newsdesk.store.NewEvent;
import newsdesk.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every write goes through one kept connection: what that must not change. */
class SqlStoreWriteTest {
  @TempDir Path dir;

  private static NewEvent event(String id, String data) {
    return new NewEvent(id, null, List.of("t"), data, false, null);
  }

  @Test
  void aWriteThatFailsLeavesNothingAndTheNextOneCommits() {
    try (var store = SqliteStores.open(dir)) {
      assertThatThrownBy(() -> store.write(tx -> {
        tx.appendEvent(event(null, "half done"));
        throw new IllegalStateException("the work failed");
      })).hasMessage("the work failed");
      store.write(tx -> tx.appendEvent(event("a", "whole")));
      assertThat(store.eventsAfter(0, 10)).extracting(Event::data).containsExactly("whole");
    }
  }

  @Test
  void aFailedStatementRollsBackItsTransaction() {
    try (var store = SqliteStores.open(dir)) {
      store.write(tx -> tx.appendEvent(event("dup", "first")));
      // The second insert breaks the UNIQUE event id: the first insert of that transaction goes too.
      assertThatThrownBy(() -> store.write(tx -> {
        tx.appendEvent(event("other", "lost with it"));
        return tx.appendEvent(event("dup", "again"));
      })).isInstanceOf(StoreException.class);
      assertThat(store.seqOfEventId("other")).isEmpty();
      store.write(tx -> tx.appendEvent(event("next", "after")));
      assertThat(store.eventsAfter(0, 10)).extracting(Event::data).containsExactly("first", "after");
    }
  }

  @Test
  void betweenWritesTheFileIsFreeForAnotherProcessToWrite() {
    // The token CLI opens the same file while the server runs: each must get the write lock
    // between the other's transactions.
    try (var server = SqliteStores.open(dir); var cli = SqliteStores.open(dir)) {
      server.write(tx -> tx.appendEvent(event("s1", "server")));
      cli.write(tx -> tx.appendEvent(event("c1", "cli")));
      server.write(tx -> tx.appendEvent(event("s2", "server again")));
      assertThat(cli.eventsAfter(0, 10)).extracting(Event::id).containsExactly("s1", "c1", "s2");
    }
  }

  @Test
  void publishingWithAnIdAlreadyUsedIsSeenInsideTheTransaction() {
    try (var store = SqliteStores.open(dir)) {
      store.write(tx -> tx.appendEvent(event("x", "one")));
      for (int i = 0; i < 3; i++) {
        String unused = "y" + i;
        assertThat(store.write(tx -> tx.eventIdExists("x")).value()).isTrue();
        assertThat(store.write(tx -> tx.eventIdExists(unused)).value()).isFalse();
      }
    }
  }
}
