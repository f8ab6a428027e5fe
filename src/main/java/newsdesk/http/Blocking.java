package newsdesk.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs blocking work (JDBC) on a virtual thread and completes on the caller's event loop, so a
 * slow disk never stalls the loop that also carries thousands of SSE connections.
 */
public final class Blocking implements AutoCloseable {
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("blocking-", 0).factory());

  public ExecutorService executor() {
    return executor;
  }

  public <T> Future<T> call(Callable<T> work) {
    Context context = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    executor.execute(() -> {
      T value = null;
      Throwable failure = null;
      try {
        value = work.call();
      } catch (Throwable t) {
        failure = t;
      }
      T v = value;
      Throwable f = failure;
      Runnable complete = () -> {
        if (f == null) promise.complete(v);
        else promise.fail(f);
      };
      if (context != null) context.runOnContext(x -> complete.run());
      else complete.run();
    });
    return promise.future();
  }

  @Override
  public void close() {
    executor.close();
  }
}
