package newsdesk.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The nginx front of {@code deploy/} before test nodes: its configuration is written and nginx run
 * by {@code deploy/front}, the script operators use, so the test checks what ships. TLS uses a
 * self-signed certificate for localhost made here with openssl. Skips the test where nginx or
 * openssl is not installed ({@code ./newsdesk test} installs them).
 */
public final class NginxFront implements AutoCloseable {
  private static final Path SCRIPT = Path.of("deploy", "front");
  private static final Duration START_DEADLINE = Duration.ofSeconds(30);

  private final int port;
  private final Path prefix;
  private final Path log;
  private final Process process;
  private final Path cert;
  private final HttpClient http;

  private NginxFront(int port, Path prefix, Path log, Process process, Path cert) {
    this.port = port;
    this.prefix = prefix;
    this.log = log;
    this.process = process;
    this.cert = cert;
    this.http = client(cert, null);
  }

  /** A free port for the front, chosen before the nodes start so they can be told their public URL. */
  public static int choosePort() {
    return TestServer.freePort();
  }

  /** The address readers use through a front on {@code port}. */
  public static String publicUrl(int port) {
    return "https://localhost:" + port;
  }

  /**
   * Runs the front on 127.0.0.1:{@code port} before the nodes ({@code host:port} each) and waits
   * until it answers {@code /healthz} through one of them.
   */
  public static NginxFront start(Path dir, int port, List<String> nodes) {
    assumeInstalled();
    try {
      Path tls = Files.createDirectories(dir.resolve("tls"));
      Path cert = tls.resolve("cert.pem");
      Path key = tls.resolve("key.pem");
      run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
          "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
          "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"), tls.resolve("openssl.log"));

      Path prefix = dir.resolve("front");
      var cmd = new ArrayList<>(List.of("bash", SCRIPT.toAbsolutePath().toString(), "start", "--foreground",
          "--prefix", prefix.toString(), "--listen", "127.0.0.1:" + port, "--cert", cert.toString(), "--key", key.toString()));
      for (String node : nodes) cmd.addAll(List.of("--node", node));
      Path log = dir.resolve("front.log");
      // deploy/front execs nginx in the foreground, so this process is nginx's master.
      Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      var front = new NginxFront(port, prefix, log, process, cert);
      front.awaitHealthy();
      return front;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Skips the test where nginx or openssl is missing; call it before starting anything costly. */
  public static void assumeInstalled() {
    assumeTrue(installed("nginx") || Files.isExecutable(Path.of("/usr/sbin/nginx")),
        "needs nginx (./newsdesk test installs it)");
    assumeTrue(installed("openssl"), "needs openssl");
  }

  private void awaitHealthy() {
    Await.until(() -> {
      if (!process.isAlive()) throw new AssertionError("the front exited with " + process.exitValue() + ":\n" + read(log));
      try {
        return send("GET", "/healthz", null, null).statusCode() == 200;
      } catch (UncheckedIOException e) {
        return false;
      }
    }, START_DEADLINE, "the front answers /healthz on port " + port + " (log: " + log + ")");
  }

  /**
   * An HTTP/2 client that trusts the front's certificate and nothing else, connecting from
   * {@code localAddress} (e.g. 127.0.0.2, to be another reader) or the default.
   */
  public HttpClient client(InetAddress localAddress) {
    return client(cert, localAddress);
  }

  private static HttpClient client(Path cert, InetAddress localAddress) {
    try (InputStream in = Files.newInputStream(cert)) {
      var trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("front", CertificateFactory.getInstance("X.509").generateCertificate(in));
      var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      var ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      var b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(ssl).connectTimeout(Duration.ofSeconds(5));
      if (localAddress != null) b.localAddress(localAddress);
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the test certificate", e);
    }
  }

  public String baseUrl() {
    return publicUrl(port);
  }

  public int port() {
    return port;
  }

  /** Sends a request through the front with an optional JSON body and bearer token. */
  public HttpResponse<String> send(String method, String path, String body, String token) {
    try {
      return http.send(TestServer.request(method, baseUrl() + path, body, token), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** nginx's access log: one line per request with its protocol ($server_protocol) and node. */
  public List<String> accessLog() {
    Path file = prefix.resolve("logs").resolve("access.log");
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean installed(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }

  private static void run(List<String> cmd, Path log) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + read(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops nginx (SIGTERM to its master, which ends the workers) and waits for it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
