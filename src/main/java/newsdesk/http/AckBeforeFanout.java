package newsdesk.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Acknowledge before fan-out: a request's work runs on a virtual thread with the events it
 * publishes held back, its answer is written, and only then are the events released, so the
 * acknowledgement leaves before thousands of event writes compete with it for the loop. Released
 * once the answer is written, not merely queued, or the answer can still wait behind the fan-out's
 * first writes. See docs/decisions/0001-acknowledge-before-fan-out.md.
 */
public final class AckBeforeFanout {
  /** Runs {@code work} with the events it publishes held until the release (the hub's hold). */
  @FunctionalInterface
  public interface Hold {
    <T> T holding(Callable<T> work) throws Exception;
  }

  /** Work that answers {@code done} later, on any thread, with its events held until the release. */
  @FunctionalInterface
  public interface Later<T> {
    void start(BiConsumer<? super T, Throwable> done);
  }

  private final Blocking blocking;
  private final Hold hold;
  private final Runnable release;

  /** @param release hands the held events to the fan-out; never blocks */
  public AckBeforeFanout(Blocking blocking, Hold hold, Runnable release) {
    this.blocking = blocking;
    this.hold = hold;
    this.release = release;
  }

  /**
   * Runs {@code work} on a virtual thread with its events held, then {@code answer} with its result
   * on the request's loop; a failure goes to the router's failure handler. The events are released
   * once the write {@code answer} returns has completed, or at once if it returns null (it answered
   * with a problem) or the work failed.
   */
  public <T> void answer(RoutingContext ctx, Callable<T> work, Function<T, Future<Void>> answer) {
    blocking.call(() -> hold.holding(work)).onComplete(done -> finish(ctx, done.result(), done.cause(), answer));
  }

  /**
   * Like {@link #answer}, for work that needs no thread while it waits (a submitted group commit):
   * {@code work} is started here on the request's loop, and its result is answered back on that
   * loop. Saves the two thread hops a virtual thread per request costs.
   */
  public <T> void answerLater(RoutingContext ctx, Later<T> work, Function<T, Future<Void>> answer) {
    Context loop = Vertx.currentContext();
    try {
      work.start((value, failure) -> loop.runOnContext(x -> finish(ctx, value, failure, answer)));
    } catch (RuntimeException failed) {
      finish(ctx, null, failed, answer);
    }
  }

  private <T> void finish(RoutingContext ctx, T value, Throwable failure, Function<T, Future<Void>> answer) {
    Future<Void> written = null;
    try {
      if (failure != null) ctx.fail(failure);
      else written = answer.apply(value);
    } finally {
      if (written == null) release.run();
      else written.onComplete(w -> release.run());
    }
  }
}
