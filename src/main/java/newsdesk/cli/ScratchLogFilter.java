package newsdesk.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Marker;

/**
 * Drops what a scratch server's start and stop log below ERROR on the thread that starts and stops it
 * (its "listening", "generated keys", "stopped" lines, and the WARN its throwaway store gives for a
 * slow commit, which would read as the real store's), so the log of a serving process tells only of
 * the real server. Registered in logback.xml.
 */
public final class ScratchLogFilter extends TurboFilter {
  private static final ThreadLocal<Boolean> QUIET = new ThreadLocal<>();
  // Every logger call of every thread passes here, most while no scratch server starts or stops:
  // then the thread-local is not looked up (which would give each thread that logs an entry of it).
  private static final AtomicInteger QUIET_THREADS = new AtomicInteger();

  /** Runs {@code work} with this thread's lines below ERROR dropped. */
  static <T> T quietly(Callable<T> work) throws Exception {
    QUIET.set(Boolean.TRUE);
    QUIET_THREADS.incrementAndGet();
    try {
      return work.call();
    } finally {
      QUIET_THREADS.decrementAndGet();
      QUIET.remove();
    }
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (QUIET_THREADS.get() == 0 || QUIET.get() == null) return FilterReply.NEUTRAL;
    return level == null || !level.isGreaterOrEqual(Level.ERROR) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
