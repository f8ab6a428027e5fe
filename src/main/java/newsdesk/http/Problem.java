package newsdesk.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;
import java.util.Objects;

/**
 * An RFC 9457 problem: what went wrong with a request, as {@code application/problem+json}. Its
 * type, title and status come from the {@link ProblemType} catalogue; {@code detail} says what
 * happened this time, and {@code field} (an extension member) names the input at fault, if any.
 * {@code retryAfterSeconds}, when above 0, is sent as {@code Retry-After} (a rate limit's wait).
 */
public record Problem(ProblemType type, int status, String detail, String field, long retryAfterSeconds) {
  public static final String CONTENT_TYPE = "application/problem+json";
  /** Seconds a client waits before retrying after a 503 (RFC 9110 §10.2.3): the store answers again or still not. */
  public static final int RETRY_AFTER_SECONDS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  public Problem {
    Objects.requireNonNull(type, "type");
    if (!type.allows(status)) throw new IllegalArgumentException(type + " is not sent with status " + status);
  }

  public Problem(ProblemType type, int status, String detail, String field) {
    this(type, status, detail, field, 0);
  }

  public static Problem of(ProblemType type, String detail) {
    return new Problem(type, type.status(), detail, null);
  }

  /** A refusal of the HTTP layer with no entry of its own: {@link ProblemType#REQUEST_REFUSED}. */
  public static Problem refused(int status, String detail) {
    return new Problem(ProblemType.REQUEST_REFUSED, status, detail, null);
  }

  /** A rate limit's refusal: 429, to retry after {@code retryAfterSeconds} (at least 1). */
  public static Problem rateLimited(String detail, long retryAfterSeconds) {
    return new Problem(ProblemType.RATE_LIMITED, 429, detail, null, Math.max(1, retryAfterSeconds));
  }

  public static Problem badRequest(String detail) {
    return of(ProblemType.BAD_REQUEST, detail);
  }

  public static Problem badRequest(String field, String detail) {
    return of(ProblemType.BAD_REQUEST, detail).at(field);
  }

  public static Problem invalid(String field, String detail) {
    return of(ProblemType.INVALID_FIELD, detail).at(field);
  }

  /** This problem, naming {@code field} as the input at fault. */
  public Problem at(String field) {
    return new Problem(type, status, detail, field, retryAfterSeconds);
  }

  public String title() {
    return type.title();
  }

  public ObjectNode toJson(String instance) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", type.uri());
    n.put("title", type.title());
    n.put("status", status);
    if (detail != null) n.put("detail", detail);
    if (instance != null) n.put("instance", instance);
    if (field != null) {
      n.put("field", field);
      n.putArray("errors").addObject().put("field", field).put("detail", detail);
    }
    return n;
  }

  /** Sends this problem unless the response has already started; a 503 or a 429 says when to try again. */
  public void send(HttpServerResponse response, String instance) {
    if (response.headWritten() || response.ended()) return;
    if (retryAfterSeconds > 0) response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
    else if (status == 503) response.putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    response.setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(toJson(instance).toString());
  }
}
