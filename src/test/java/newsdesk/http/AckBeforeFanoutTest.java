package newsdesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import newsdesk.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The held events go out after the answer is written, and never stay held, whatever the answer. */
class AckBeforeFanoutTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final Blocking blocking = new Blocking();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger released = new AtomicInteger();
  private final AckBeforeFanout ack = new AckBeforeFanout(blocking, new AckBeforeFanout.Hold() {
    @Override
    public <T> T holding(Callable<T> work) throws Exception {
      held.incrementAndGet();
      return work.call();
    }
  }, released::incrementAndGet);

  @AfterEach
  void stop() {
    vertx.close().await();
    blocking.close();
  }

  private CompletableFuture<HttpResponse<String>> get(Router router) {
    int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
    return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theEventsAreReleasedOnlyOnceTheAnswerIsWritten() throws Exception {
    Promise<Void> written = Promise.promise();
    Router router = Router.router(vertx);
    router.get("/").handler(ctx -> ack.answer(ctx, () -> "published", result -> {
      ctx.response().end(result).onComplete(written);
      return written.future();
    }));
    var response = get(router);
    assertThat(response.get().body()).isEqualTo("published");
    Await.until(() -> released.get() == 1, WAIT, "the events are released after the answer is written");
    assertThat(written.future().succeeded()).isTrue();
    assertThat(held.get()).isEqualTo(1);
  }

  @Test
  void theEventsWaitForAWriteThatHasNotCompleted() throws Exception {
    Promise<Void> written = Promise.promise();
    CompletableFuture<Context> answered = new CompletableFuture<>();
    Router router = Router.router(vertx);
    router.get("/").handler(ctx -> ack.answer(ctx, () -> "published", result -> {
      answered.complete(Vertx.currentContext());
      return written.future();
    }));
    get(router);
    // A task queued on the answering loop runs after the answer's task, release decision included.
    CompletableFuture<Integer> afterAnswer = new CompletableFuture<>();
    answered.get().runOnContext(v -> afterAnswer.complete(released.get()));
    assertThat(afterAnswer.get()).as("held while the answer's write is under way").isZero();
    written.complete();
    Await.until(() -> released.get() == 1, WAIT, "the release once the write completes");
  }

  @Test
  void anAnswerThatIsNotAWriteReleasesAtOnce() throws Exception {
    Router router = Router.router(vertx);
    router.get("/").handler(ctx -> ack.answer(ctx, () -> "duplicate", result -> {
      ctx.response().setStatusCode(409).end();
      return (Future<Void>) null;
    }));
    assertThat(get(router).get().statusCode()).isEqualTo(409);
    Await.until(() -> released.get() == 1, WAIT, "the release");
  }

  @Test
  void failedWorkGoesToTheFailureHandlerAndReleases() throws Exception {
    Router router = Router.router(vertx);
    router.get("/").handler(ctx -> ack.answer(ctx, () -> {
      throw new IllegalStateException("the store is gone");
    }, result -> ctx.response().end()));
    router.route().failureHandler(ctx -> ctx.response().setStatusCode(503).end(ctx.failure().getMessage()));
    var response = get(router).get();
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("the store is gone");
    Await.until(() -> released.get() == 1, WAIT, "the release");
  }

  @Test
  void workAnsweredLaterFromAnotherThreadIsAnsweredOnTheRequestsLoopThenReleased() throws Exception {
    CompletableFuture<Boolean> onTheLoop = new CompletableFuture<>();
    Router router = Router.router(vertx);
    router.get("/").handler(ctx -> {
      Context loop = Vertx.currentContext();
      ack.<String>answerLater(ctx, done -> Thread.ofVirtual().start(() -> done.accept("published", null)), result -> {
        onTheLoop.complete(Vertx.currentContext() == loop);
        return ctx.response().end(result);
      });
    });
    assertThat(get(router).get().body()).isEqualTo("published");
    assertThat(onTheLoop.get()).isTrue();
    Await.until(() -> released.get() == 1, WAIT, "the release after the answer");
  }

  @Test
  void workThatFailsLaterGoesToTheFailureHandlerAndReleases() throws Exception {
    Router router = Router.router(vertx);
    router.get("/").handler(ctx -> ack.<String>answerLater(ctx,
        done -> Thread.ofVirtual().start(() -> done.accept(null, new IllegalStateException("the store is gone"))),
        result -> ctx.response().end()));
    router.route().failureHandler(ctx -> ctx.response().setStatusCode(503).end(ctx.failure().getMessage()));
    var response = get(router).get();
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("the store is gone");
    Await.until(() -> released.get() == 1, WAIT, "the release");
  }
}
