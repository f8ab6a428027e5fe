package newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

/** A scratch server's start and stop keep the serving process's log to the real server. */
class ScratchLogFilterTest {
  private final ScratchLogFilter filter = new ScratchLogFilter();
  private final ch.qos.logback.classic.Logger logger = new LoggerContext().getLogger("newsdesk.hub.GroupCommit");

  private FilterReply at(Level level) {
    return filter.decide(null, logger, level, "a group commit took {} ms", new Object[] {288}, null);
  }

  @Test
  void onTheQuietThreadOnlyErrorsPass() throws Exception {
    var replies = ScratchLogFilter.quietly(() -> new FilterReply[] {at(Level.INFO), at(Level.WARN), at(Level.ERROR)});
    assertThat(replies).containsExactly(FilterReply.DENY, FilterReply.DENY, FilterReply.NEUTRAL);
  }

  @Test
  void anotherThreadWhileOneIsQuietKeepsItsLines() throws Exception {
    var replies = ScratchLogFilter.quietly(() -> {
      var other = new FilterReply[2];
      var thread = Thread.ofPlatform().start(() -> {
        other[0] = at(Level.INFO);
        other[1] = at(Level.WARN);
      });
      thread.join();
      return other;
    });
    assertThat(replies).containsExactly(FilterReply.NEUTRAL, FilterReply.NEUTRAL);
  }

  @Test
  void elsewhereAndAfterwardsNothingIsDropped() throws Exception {
    ScratchLogFilter.quietly(() -> null);
    assertThat(at(Level.INFO)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(at(Level.WARN)).isEqualTo(FilterReply.NEUTRAL);
  }
}
