package newsdesk.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** A redis-server of the test's own on a free port, without persistence, to stop and start at will. */
public final class RedisServer implements AutoCloseable {
  private final int port;
  private Process process;

  public RedisServer() throws IOException {
    try (var s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts it, or starts it again on the same port after {@link #stop}. */
  public RedisServer start() throws IOException {
    process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Await.until(this::accepts, Duration.ofSeconds(10), "redis-server accepts connections on " + port);
    return this;
  }

  /** Stops the server at once (SIGKILL): connected clients see their connections drop. */
  public void stop() {
    if (process == null) return;
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  private boolean accepts() {
    try (var s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
