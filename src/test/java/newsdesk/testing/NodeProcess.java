package newsdesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsdesk.store.Role;

/**
 * One Newsdesk node as its own process ({@code newsdesk.cli.Main serve} in a child JVM from this
 * test's class path), the way an operator runs it: it can be stopped (SIGTERM, its shutdown hook
 * runs), killed (SIGKILL, nothing runs) and started again on the same port and data. Its output
 * goes to a file under {@code target/node-logs}, kept across restarts.
 */
public final class NodeProcess implements AutoCloseable {
  public static final Duration START_DEADLINE = Duration.ofSeconds(90);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
  private static final Path LOGS = Path.of("target", "node-logs");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Pattern OPEN_SSE =
      Pattern.compile("^newsdesk_connections_open\\{transport=\"sse\",?}\\s+(\\S+)$", Pattern.MULTILINE);
  private static final Pattern BUS_CONNECTED =
      Pattern.compile("^newsdesk_bus_connected(?:\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);

  // As the launcher's jvm_opts (./newsdesk), with a smaller heap: tests run several nodes at once.
  // C1 only: a test node spends most of its short life starting, and C2 compiling for it competes
  // with every other process for two cores (a node starts in about half the time). No self-warm for
  // the same reason (SelfWarmTest covers it).
  private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m",
      "-XX:SurvivorRatio=3", "-XX:-ShrinkHeapInSteps", "-XX:TieredStopAtLevel=1", "-Dnewsdesk.self-warm=false",
      "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED",
      "--add-exports", "java.base/sun.security.ec=ALL-UNNAMED",
      "--add-exports", "java.base/sun.security.ec.point=ALL-UNNAMED",
      "--add-exports", "java.base/sun.security.util.math=ALL-UNNAMED");

  private final int port;
  private final Path dataDir;
  private final List<String> flags;
  private final Path log;
  private volatile Process process; // replaced on restart

  private NodeProcess(int port, Path dataDir, List<String> flags, Path log) {
    this.port = port;
    this.dataDir = dataDir;
    this.flags = List.copyOf(flags);
    this.log = log;
  }

  /**
   * Launches a node on a free loopback port without waiting for it; {@link #awaitHealthy()} waits.
   *
   * @param publicUrl the address readers use (the front's, behind one)
   * @param flags more {@code serve} flags, e.g. {@code --store URL}, {@code --bus URL}
   */
  public static NodeProcess launch(Path dataDir, String publicUrl, List<String> flags) {
    int port = TestServer.freePort();
    var serve = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", Integer.toString(port),
        "--public-url", publicUrl == null ? "http://127.0.0.1:" + port : publicUrl));
    serve.addAll(flags);
    try {
      Files.createDirectories(LOGS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path log = LOGS.resolve("node-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + "-" + port + ".log");
    var node = new NodeProcess(port, dataDir, serve, log);
    node.process = node.spawn("serve", node.flags);
    return node;
  }

  /** Starts a node and waits until it answers {@code /healthz}. */
  public static NodeProcess start(Path dataDir, String publicUrl, List<String> flags) {
    var node = launch(dataDir, publicUrl, flags);
    node.awaitHealthy();
    return node;
  }

  /** {@code java … newsdesk.cli.Main <command> --data DIR <args>}: a subcommand on this node's data. */
  private List<String> command(String command, List<String> args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    var cmd = new ArrayList<String>();
    cmd.add(java);
    cmd.addAll(JVM_FLAGS);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "newsdesk.cli.Main"));
    cmd.addAll(List.of(command.split(" ")));
    cmd.addAll(List.of("--data", dataDir.toString()));
    cmd.addAll(args);
    return cmd;
  }

  private Process spawn(String command, List<String> args) {
    try {
      Files.writeString(log, "\n=== " + command + " ===\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new ProcessBuilder(command(command, args)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the node answers {@code /healthz}; fails at once, with its log, if it exits. */
  public void awaitHealthy() {
    var req = HttpRequest.newBuilder(URI.create(baseUrl() + "/healthz")).timeout(Duration.ofSeconds(5)).build();
    Await.until(() -> {
      if (!process.isAlive()) throw new AssertionError("node on port " + port + " exited with " + process.exitValue() + ":\n" + logTail());
      try {
        return TestServer.http().send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }, START_DEADLINE, "the node on port " + port + " answers /healthz (log: " + log + ")");
  }

  /** SIGTERM, as a deploy or {@code deploy/cluster stop} does: readers are told to reconnect. */
  public void stop() {
    if (process.isAlive()) process.destroy();
    awaitExit();
  }

  /** Sends SIGTERM without waiting: to stop several nodes at once, then {@link #close} each. */
  public void terminate() {
    if (process.isAlive()) process.destroy();
  }

  /** SIGKILL: the node vanishes mid-whatever, as in a crash. */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** Starts the node again on the same port, data and flags, and waits until it is healthy. */
  public void restart() {
    if (process.isAlive()) throw new IllegalStateException("stop or kill the node first");
    process = spawn("serve", flags);
    awaitHealthy();
  }

  /** Waits until the process has exited (after {@link #terminate}); fails after 30 s. */
  public void awaitExit() {
    try {
      if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("node on port " + port + " still ran " + STOP_DEADLINE + " after it was told to stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What a command on this node's data printed (stdout, then stderr) and how it exited. */
  public record CommandResult(int exitCode, String out, String err) {}

  /**
   * Runs {@code newsdesk <command> --data DIR <args>} on this node's data, as an operator would
   * beside the running server (or with it stopped), and waits for it to end.
   */
  public CommandResult run(String command, List<String> args) {
    Process p;
    try {
      p = new ProcessBuilder(command(command, args)).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      var err = new java.util.concurrent.CompletableFuture<String>();
      Thread.ofVirtual().start(() -> {
        try {
          err.complete(new String(p.getErrorStream().readAllBytes()).strip());
        } catch (IOException e) {
          err.complete(e.toString());
        }
      });
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (!p.waitFor(120, TimeUnit.SECONDS)) throw new AssertionError(command + " did not end within 120 s: " + out);
      return new CommandResult(p.exitValue(), out, err.get(10, TimeUnit.SECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    } finally {
      p.destroyForcibly();
    }
  }

  /**
   * A new API token, made by the {@code token create} command on this node's data (and store
   * flags), as an operator would.
   */
  public String createToken(Role role) {
    var storeFlags = new ArrayList<String>();
    for (int i = 0; i < flags.size() - 1; i++) {
      if (flags.get(i).equals("--store")) storeFlags.addAll(flags.subList(i, i + 2));
    }
    storeFlags.addAll(List.of("--role", role.wire(), "--name", "test " + role.wire()));
    CommandResult token = run("token create", storeFlags);
    if (token.exitCode() != 0) throw new AssertionError("token create failed (exit " + token.exitCode() + "): " + token.err());
    String[] lines = token.out().split("\n");
    return lines[lines.length - 1].strip(); // the secret is the last line; the JVM may warn before it
  }

  /** How many SSE streams the node holds open now, from its own {@code /metrics}. */
  public int openSseConnections() {
    Matcher m = OPEN_SSE.matcher(metrics());
    if (!m.find()) throw new AssertionError("no open SSE connection gauge in /metrics");
    return (int) Double.parseDouble(m.group(1));
  }

  /** Whether the node's cluster bus is connected to Redis now, from its own {@code /metrics}. */
  public boolean busConnected() {
    Matcher m = BUS_CONNECTED.matcher(metrics());
    if (!m.find()) throw new AssertionError("no bus connection gauge in /metrics");
    return Double.parseDouble(m.group(1)) == 1;
  }

  private String metrics() {
    var req = HttpRequest.newBuilder(URI.create(baseUrl() + "/metrics")).timeout(Duration.ofSeconds(5)).build();
    try {
      return TestServer.http().send(req, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public int port() {
    return port;
  }

  /** The node's own address, bypassing any front. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code host:port}, as a front's upstream names it. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The last 30 lines of this node's log, for a failure message. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the node if it still runs (SIGTERM, then SIGKILL past the deadline). */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
