package newsdesk.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal SSE reader for tests: parses the stream the way the HTML spec's EventSource does and
 * queues each dispatched event; {@link #next} waits for one with a deadline.
 */
public final class SseClient implements AutoCloseable {
  /**
   * One dispatched event; {@code id} is null when the event carried no id field, {@code retry}
   * when it had no retry field. A block with only a retry field comes as event "retry".
   */
  public record Message(String id, String event, String data, String retry) {}

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final HttpResponse<InputStream> response;
  private final Thread reader;
  private final List<String> comments = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile boolean closed;
  private volatile boolean ended;

  private static final Object END = new Object();

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = Thread.ofVirtual().start(this::read);
  }

  /** Connects to {@code /events} for the topics, with an optional Last-Event-ID header. */
  public static SseClient connect(String baseUrl, String lastEventId, String... topics) {
    var q = new StringBuilder("/events?");
    for (String t : topics) q.append("topic=").append(URLEncoder.encode(t, StandardCharsets.UTF_8)).append('&');
    return open(baseUrl + q, lastEventId);
  }

  public static SseClient open(String url, String lastEventId) {
    return open(url, lastEventId, java.util.Map.of());
  }

  /** Opens {@code url} with extra request headers (e.g. Authorization). */
  public static SseClient open(String url, String lastEventId, java.util.Map<String, String> headers) {
    var b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    if (lastEventId != null) b.header("Last-Event-ID", lastEventId);
    headers.forEach(b::header);
    try {
      var res = TestServer.http().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      return new SseClient(res);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<InputStream> response() {
    return response;
  }

  public List<String> comments() {
    return List.copyOf(comments);
  }

  private void read() {
    try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      String retry = null;
      StringBuilder data = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) queue.add(new Message(id, event == null ? "message" : event, data.toString(), retry));
          else if (retry != null) queue.add(new Message(null, "retry", retry, retry));
          id = null;
          event = null;
          retry = null;
          data = null;
          continue;
        }
        if (line.startsWith(":")) {
          comments.add(line);
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        switch (field) {
          case "id" -> id = value;
          case "event" -> event = value;
          case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          case "retry" -> retry = value;
          default -> { }
        }
      }
    } catch (IOException e) {
      // the stream ended or was closed
    } finally {
      queue.add(END);
    }
  }

  /** The next event, or an AssertionError if none arrives within {@code timeout}. */
  public Message next(Duration timeout) {
    try {
      Object o = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (o == null) throw new AssertionError("no SSE event within " + timeout);
      if (o == END) {
        queue.add(END);
        throw new AssertionError("the SSE stream ended");
      }
      return (Message) o;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The next event within {@code timeout}, or null when none came in time or the stream has ended
   * ({@link #ended()} tells which): for a reader that carries on elsewhere when a stream ends.
   */
  public Message poll(Duration timeout) {
    try {
      Object o = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (o == END) {
        queue.add(END);
        ended = true;
        return null;
      }
      return (Message) o;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Whether {@link #poll} has found the stream ended (closed by the server, or broken). */
  public boolean ended() {
    return ended;
  }

  /** Waits until the server ends the stream; false if it is still open after {@code timeout}. */
  public boolean awaitEnd(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        Object o = queue.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        if (o == END) {
          queue.add(END);
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Events already received and not yet taken, without waiting. */
  public List<Message> drain() {
    var out = new ArrayList<Message>();
    Object o;
    while ((o = queue.peek()) != null && o != END) out.add((Message) queue.poll());
    return out;
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try {
      response.body().close();
    } catch (IOException ignored) {
      // closing a stream we are done with
    }
    reader.interrupt();
  }
}
