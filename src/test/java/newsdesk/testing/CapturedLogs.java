package newsdesk.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Everything logged from {@link #start()} to {@link #close()}, from any thread. */
public final class CapturedLogs implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private CapturedLogs() {}

  public static CapturedLogs start() {
    var logs = new CapturedLogs();
    logs.appender.start();
    root().addAppender(logs.appender);
    return logs;
  }

  /** What was logged so far (the appender adds under its own lock). */
  public List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** Errors, and warnings with a stack: what an operator would take for a fault of the server's. */
  public List<String> serverFaults() {
    return events().stream()
        .filter(e -> e.getLevel() == Level.ERROR || e.getLevel() == Level.WARN && e.getThrowableProxy() != null)
        .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ": "
                + e.getThrowableProxy().getMessage() + ")"))
        .toList();
  }

  @Override
  public void close() {
    root().detachAppender(appender);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
