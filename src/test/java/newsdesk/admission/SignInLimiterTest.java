package newsdesk.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sign-in attempts are counted per account and per client address, each with its own bucket. */
class SignInLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(1_000 * SECOND);
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  // Per account: 6 a minute, 2 at once. Per client: 60 a minute, 4 at once.
  private final SignInLimiter limiter = new SignInLimiter(
      new RateLimiter("sign-in", RateLimiter.Rate.perMinute(6, 2), 1_000, now::get, metrics),
      new RateLimiter("sign-in-ip", RateLimiter.Rate.perMinute(60, 4), 1_000, now::get, metrics),
      TrustedProxies.NONE);

  @Test
  void oneAccountGuessedFromManyAddressesIsLimited() {
    assertThat(limiter.attempt("203.0.113.1", "ed").allowed()).isTrue();
    assertThat(limiter.attempt("203.0.113.2", "ED").allowed()).isTrue();
    var refused = limiter.attempt("203.0.113.3", " Ed ");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(10);
    assertThat(limiter.attempt("203.0.113.3", "ann").allowed()).isTrue();
    now.addAndGet(10 * SECOND);
    assertThat(limiter.attempt("203.0.113.4", "ed").allowed()).isTrue();
  }

  @Test
  void admitAnswers429WithRetryAfterAndAProblemOverHttp() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      var server = vertx.createHttpServer().requestHandler(req -> {
        if (limiter.admit(req, req.getParam("account"))) req.response().end("signed in");
      }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      var http = HttpClient.newHttpClient();
      var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/sign-in?account=ed"))
          .timeout(Duration.ofSeconds(10)).build();
      assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("signed in");
      assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("signed in");
      var refused = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(refused.body()).contains("\"type\":\"/problems/rate-limited\"").contains("sign-in");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void manyAccountsTriedFromOneAddressAreLimited() {
    for (int i = 0; i < 4; i++) assertThat(limiter.attempt("203.0.113.9", "user" + i).allowed()).isTrue();
    var refused = limiter.attempt("203.0.113.9", "user5");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    assertThat(limiter.attempt("203.0.113.10", "user5").allowed()).isTrue();
    now.addAndGet(SECOND);
    assertThat(limiter.attempt("203.0.113.9", "user6").allowed()).isTrue();
    assertThat(metrics.get("newsdesk.rate.limited").tag("limit", "sign-in-ip").counter().count()).isEqualTo(1);
  }
}
