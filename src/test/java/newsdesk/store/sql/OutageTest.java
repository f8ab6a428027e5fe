package newsdesk.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import newsdesk.store.StoreUnavailableException;
import newsdesk.testing.Await;
import org.junit.jupiter.api.Test;

/** What counts as the database out of reach, and how calls behave while it is. */
class OutageTest {

  @Test
  void connectionFailuresAndTimeoutsAreUnavailableAndAStatementsOwnFailureIsNot() {
    assertThat(SqlFailures.of("read", new SQLException("I/O error", "08006"))).isInstanceOf(StoreUnavailableException.class);
    assertThat(SqlFailures.of("read", new SQLException("shutting down", "57P01"))).isInstanceOf(StoreUnavailableException.class);
    assertThat(SqlFailures.of("read", new SQLTransientConnectionException("pool - Connection is not available")))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(SqlFailures.of("write", new SQLException("wrapped", null, new SQLException("refused", "08001"))))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(SqlFailures.of("write", new SQLException("duplicate key", "23505")))
        .isNotInstanceOf(StoreUnavailableException.class);
    assertThat(SqlFailures.of("write", new SQLException("syntax", "42601"))).isNotInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void duringAnOutageCallsFailAtOnceButOneProbesEveryIntervalAndTheFirstThatGetsThroughEndsIt() throws Exception {
    var outage = new Outage("the test database");
    assertThatCode(outage::enter).doesNotThrowAnyException();
    outage.lost(new SQLException("refused", "08001"));
    assertThatThrownBy(outage::enter).isInstanceOf(SQLTransientConnectionException.class);
    // A refused call reported back does not push the next probe further away.
    try {
      outage.enter();
    } catch (SQLException refused) {
      outage.lost(refused);
    }
    var probes = new AtomicInteger();
    Await.until(() -> {
      try {
        outage.enter();
        probes.incrementAndGet();
        return true;
      } catch (SQLException refused) {
        return false;
      }
    }, Outage.PROBE.plus(Duration.ofSeconds(2)), "a probe is let through");
    assertThatThrownBy(outage::enter).as("one probe per interval").isInstanceOf(SQLTransientConnectionException.class);
    outage.answered();
    assertThatCode(outage::enter).doesNotThrowAnyException();
    assertThat(probes).hasValue(1);
  }
}
