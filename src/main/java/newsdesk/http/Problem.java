package newsdesk.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;

/**
 * An RFC 9457 problem: what went wrong with a request, as {@code application/problem+json}.
 * {@code field} (an extension member) names the input at fault, where there is one.
 */
public record Problem(int status, String type, String title, String detail, String field) {
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static Problem of(int status, String title, String detail) {
    return new Problem(status, "about:blank", title, detail, null);
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "/problems/bad-request", "Bad request", detail, null);
  }

  public static Problem badRequest(String field, String detail) {
    return new Problem(400, "/problems/bad-request", "Bad request", detail, field);
  }

  public static Problem invalid(String field, String detail) {
    return new Problem(422, "/problems/invalid-field", "Invalid field", detail, field);
  }

  public ObjectNode toJson(String instance) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", type);
    n.put("title", title);
    n.put("status", status);
    if (detail != null) n.put("detail", detail);
    if (instance != null) n.put("instance", instance);
    if (field != null) {
      n.put("field", field);
      n.putArray("errors").addObject().put("field", field).put("detail", detail);
    }
    return n;
  }

  /** Sends this problem unless the response has already started. */
  public void send(HttpServerResponse response, String instance) {
    if (response.headWritten() || response.ended()) return;
    response.setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(toJson(instance).toString());
  }
}
