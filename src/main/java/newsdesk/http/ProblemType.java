package newsdesk.http;

/**
 * Every kind of problem Newsdesk answers with: its stable {@code type} URI, status and title.
 * Clients branch on the type, so a type's URI never changes once shipped; a new kind of refusal
 * gets a new entry here and a row in docs/api.md ("Problem types"). The URIs are relative
 * references (RFC 9457 §3.1.1), resolved against the request's address.
 */
public enum ProblemType {
  BAD_REQUEST(400, "bad-request", "Bad request"),
  UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
  FORBIDDEN(403, "forbidden", "Forbidden"),
  NOT_FOUND(404, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method Not Allowed"),
  REQUEST_TIMEOUT(408, "request-timeout", "Request Timeout"),
  CONFLICT(409, "conflict", "Conflict"),
  PRECONDITION_FAILED(412, "precondition-failed", "Precondition Failed"),
  TOO_LARGE(413, "too-large", "Content Too Large"),
  URI_TOO_LONG(414, "uri-too-long", "URI Too Long"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported Media Type"),
  INVALID_FIELD(422, "invalid-field", "Invalid field"),
  /** An Idempotency-Key sent again on a different request (draft-ietf-httpapi-idempotency-key-header). */
  IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency key reused"),
  /** An upload whose bytes are a supported format but cannot be decoded whole (truncated, damaged). */
  INVALID_IMAGE(422, "invalid-image", "Invalid image"),
  UPGRADE_REQUIRED(426, "upgrade-required", "Upgrade Required"),
  TOO_MANY_CONNECTIONS(429, "too-many-connections", "Too Many Requests"),
  RATE_LIMITED(429, "rate-limited", "Too Many Requests"),
  HEADERS_TOO_LARGE(431, "headers-too-large", "Request Header Fields Too Large"),
  /** Any other refusal of the HTTP layer; its status is the refusal's own 4xx. */
  REQUEST_REFUSED(ProblemType.ANY_CLIENT_ERROR, "request-refused", "Request refused"),
  INTERNAL_ERROR(500, "internal-error", "Internal Server Error"),
  UNAVAILABLE(503, "unavailable", "Service Unavailable"),
  STORAGE_FULL(503, "storage-full", "Storage full"),
  AT_CAPACITY(503, "at-capacity", "Service Unavailable");

  private static final int ANY_CLIENT_ERROR = 0;

  private final int status;
  private final String uri;
  private final String title;

  ProblemType(int status, String name, String title) {
    this.status = status;
    this.uri = "/problems/" + name;
    this.title = title;
  }

  /** The status a problem of this type is sent with; 0 for {@link #REQUEST_REFUSED} (any 4xx). */
  public int status() {
    return status;
  }

  public String uri() {
    return uri;
  }

  public String title() {
    return title;
  }

  /** Whether a problem of this type may be sent with {@code status}. */
  public boolean allows(int status) {
    return this.status == ANY_CLIENT_ERROR ? status >= 400 && status < 500 : this.status == status;
  }
}
