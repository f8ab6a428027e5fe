package newsdesk.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding: a request connects to the address its check approved, never to one resolved
 * later, and still speaks to the name (Host, SNI, the certificate's name). Names here resolve only
 * through the test's own resolver; every connection goes to 127.0.0.1.
 */
class CallbackHttpTest {
  private static final String PASSWORD = "changeit";
  @TempDir Path dir;
  private Vertx vertx;
  private HttpServer server;
  private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
  private final AtomicInteger lookups = new AtomicInteger();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aRequestConnectsToTheAddressItsCheckResolvedAndCarriesTheName() throws Exception {
    int port = serve(new HttpServerOptions());
    // "pinned.test" exists only in this resolver: the request can reach the server only through it.
    var guard = new CallbackAddresses(true, resolving("pinned.test", "127.0.0.1"));
    try (var http = new CallbackHttp(vertx, guard)) {
      var answer = http.get(URI.create("http://pinned.test:" + port + "/cb?x=1&hub.challenge=abc"));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("abc");
      assertThat(http.post(URI.create("http://pinned.test:" + port + "/cb"),
          new CallbackRequest("text/plain", "hi".getBytes(), Map.of("X-Extra", List.of("1"))))).isEqualTo(200);
    }
    assertThat(seen).containsExactly("GET pinned.test:" + port + " /cb?x=1&hub.challenge=abc",
        "POST pinned.test:" + port + " /cb");
    assertThat(lookups).as("one resolution per request, by the guard").hasValue(2);
  }

  @Test
  void aNameThatResolvesPublicAtTheCheckThenToLoopbackIsRefusedAndNothingIsSent() throws Exception {
    int port = serve(new HttpServerOptions());
    var answers = new ConcurrentLinkedQueue<>(List.of("93.184.216.34", "127.0.0.1", "127.0.0.1"));
    var guard = new CallbackAddresses(false, host -> {
      lookups.incrementAndGet();
      return new InetAddress[] {InetAddress.getByName(answers.poll())};
    });
    URI uri = guard.check("http://rebinding.test:" + port + "/cb"); // public-looking: accepted, nothing sent
    try (var http = new CallbackHttp(vertx, guard)) {
      assertThatThrownBy(() -> http.post(uri, new CallbackRequest("text/plain", new byte[0], Map.of())))
          .isInstanceOf(CallbackRefused.class).hasMessageContaining("private");
      assertThatThrownBy(() -> http.get(uri)).isInstanceOf(CallbackRefused.class);
    }
    assertThat(lookups).hasValue(3);
    assertThat(seen).isEmpty();
  }

  @Test
  void httpsIsVerifiedForTheNameWhileConnectingToThePinnedAddress() throws Exception {
    Path keys = keystore("pinned.test");
    int port = serve(new HttpServerOptions().setSsl(true).setSni(true)
        .setKeyCertOptions(new PfxOptions().setPath(keys.toString()).setPassword(PASSWORD)));
    var trust = new PfxOptions().setPath(keys.toString()).setPassword(PASSWORD);
    var guard = new CallbackAddresses(true, host -> {
      lookups.incrementAndGet();
      return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
    });
    try (var http = new CallbackHttp(vertx, guard, trust)) {
      var answer = http.get(URI.create("https://pinned.test:" + port + "/cb?hub.challenge=ok"));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("ok");
      assertThat(seen).containsExactly("GET pinned.test:" + port + " /cb?hub.challenge=ok sni=pinned.test");
      // The same address under another name: the certificate is not for it, so nothing is sent.
      seen.clear();
      assertThatThrownBy(() -> http.get(URI.create("https://other.test:" + port + "/cb?hub.challenge=no")))
          .isInstanceOf(IOException.class);
      assertThat(seen).isEmpty();
    }
  }

  @Test
  void aCallbackThatTricklesBytesForeverIsCutOffAtTheDeadline() throws Exception {
    var closed = new java.util.concurrent.CountDownLatch(1);
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(req -> {
      var res = req.response().setChunked(true);
      // A byte every 100 ms: never idle long enough for the idle timeout, never done.
      long timer = vertx.setPeriodic(100, id -> res.write("x"));
      req.connection().closeHandler(v -> {
        vertx.cancelTimer(timer);
        closed.countDown();
      });
    });
    int port = server.listen().await(10, TimeUnit.SECONDS).actualPort();
    var guard = new CallbackAddresses(true, resolving("slow.test", "127.0.0.1"));
    try (var http = new CallbackHttp(vertx, guard, null, java.time.Duration.ofSeconds(1))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> http.get(URI.create("http://slow.test:" + port + "/cb"))).isInstanceOf(IOException.class);
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(20));
      assertThat(closed.await(20, TimeUnit.SECONDS)).as("the connection is closed, not left streaming").isTrue();
    }
  }

  /** A server on 127.0.0.1 that records method, Host, URI (and SNI) and echoes hub.challenge. */
  private int serve(HttpServerOptions options) throws Exception {
    server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0)).requestHandler(req -> {
      String sni = req.connection().indicatedServerName();
      seen.add(req.method() + " " + req.authority() + " " + req.uri() + (sni == null ? "" : " sni=" + sni));
      String challenge = req.getParam("hub.challenge");
      req.response().end(challenge == null ? "" : challenge);
    });
    return server.listen().await(10, TimeUnit.SECONDS).actualPort();
  }

  private CallbackAddresses.Resolver resolving(String name, String address) {
    return host -> {
      lookups.incrementAndGet();
      if (!host.equals(name)) throw new UnknownHostException(host);
      return new InetAddress[] {InetAddress.getByName(address)};
    };
  }

  /** A PKCS#12 key store with a self-signed certificate for {@code name}, made by the JDK's keytool. */
  private Path keystore(String name) throws Exception {
    Path file = dir.resolve(name + ".p12");
    var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    var p = new ProcessBuilder(keytool, "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "cb",
        "-dname", "CN=" + name, "-ext", "SAN=dns:" + name, "-validity", "2", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return file;
  }
}
