package newsdesk.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import newsdesk.store.StorageFullException;
import newsdesk.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqlFailuresTest {
  @Test
  void aFullDiskIsStorageFullOnBothDatabasesAndNoOutage() {
    var sqlite = new SQLiteException("database or disk is full", SQLiteErrorCode.SQLITE_FULL);
    var postgres = new SQLException("could not extend file: No space left on device", "53100");
    assertThat(SqlFailures.of("write failed", sqlite)).isInstanceOf(StorageFullException.class);
    assertThat(SqlFailures.of("write failed", new SQLException("wrapped", postgres))).isInstanceOf(StorageFullException.class);
    assertThat(SqlFailures.outOfReach(postgres)).as("reads still work: not an outage").isFalse();
  }

  @Test
  void aDatabaseOutOfReachIsUnavailableButNotFull() {
    var lost = new SQLException("connection refused", "08001");
    assertThat(SqlFailures.of("read failed", lost)).isExactlyInstanceOf(StoreUnavailableException.class);
    assertThat(SqlFailures.of("write failed", new SQLiteException("constraint", SQLiteErrorCode.SQLITE_CONSTRAINT)))
        .isNotInstanceOf(StoreUnavailableException.class);
  }
}
