package newsdesk.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.Callable;
import org.slf4j.Marker;

/**
 * Drops what a scratch server's start and stop log below ERROR on the thread that starts and stops it
 * (its "listening", "generated keys", "stopped" lines, and the WARN its throwaway store gives for a
 * slow commit, which would read as the real store's), so the log of a serving process tells only of
 * the real server. Registered in logback.xml.
 */
public final class ScratchLogFilter extends TurboFilter {
  private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> false);

  /** Runs {@code work} with this thread's lines below ERROR dropped. */
  static <T> T quietly(Callable<T> work) throws Exception {
    QUIET.set(true);
    try {
      return work.call();
    } finally {
      QUIET.remove();
    }
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    return QUIET.get() && (level == null || !level.isGreaterOrEqual(Level.ERROR)) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
