package newsdesk.admission;

import io.vertx.core.http.HttpServerRequest;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;

/**
 * Draft-08's token failures (RFC 6750 §3): the OAuth error code travels in a
 * {@code WWW-Authenticate: Bearer} challenge that also points at the hub's protected resource
 * metadata (RFC 9728); the body is a problem document that does not repeat the code.
 */
public final class BearerChallenge {
  private final String metadataUrl;

  /** @param metadataUrl the hub's protected resource metadata document */
  public BearerChallenge(String metadataUrl) {
    this.metadataUrl = metadataUrl;
  }

  /** 401 with no error code: a token is needed and none came. */
  public void missing(HttpServerRequest req, String detail) {
    send(req, null, ProblemType.UNAUTHORIZED, detail);
  }

  /** 401 {@code invalid_token}: the token failed a check (which one is not said on the wire). */
  public void invalidToken(HttpServerRequest req, String detail) {
    send(req, "invalid_token", ProblemType.UNAUTHORIZED, detail);
  }

  /** 403 {@code insufficient_scope}: a valid token that does not grant this. */
  public void insufficientScope(HttpServerRequest req, String detail) {
    send(req, "insufficient_scope", ProblemType.FORBIDDEN, detail);
  }

  /** 400 {@code invalid_request}: the token's presentation is malformed. */
  public void invalidRequest(HttpServerRequest req, String detail) {
    send(req, "invalid_request", ProblemType.BAD_REQUEST, detail);
  }

  private void send(HttpServerRequest req, String error, ProblemType type, String detail) {
    String challenge = "Bearer " + (error == null ? "" : "error=\"" + error + "\", ")
        + "resource_metadata=\"" + metadataUrl + "\"";
    req.response().putHeader("WWW-Authenticate", challenge);
    Problem.of(type, detail).send(req.response(), req.path());
  }
}
