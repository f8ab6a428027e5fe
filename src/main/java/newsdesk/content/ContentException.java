package newsdesk.content;

/**
 * A request the newsroom's content rules refuse. The web layer turns each kind into its HTTP status
 * and an RFC 9457 problem; {@code field} names the offending input where there is one.
 */
public final class ContentException extends RuntimeException {

  public enum Kind { NOT_FOUND, CONFLICT, INVALID, KEY_REUSED, STALE, FORBIDDEN }

  private final Kind kind;
  private final String field;

  private ContentException(Kind kind, String field, String detail) {
    super(detail, null, false, false);
    this.kind = kind;
    this.field = field;
  }

  public static ContentException notFound(String detail) {
    return new ContentException(Kind.NOT_FOUND, null, detail);
  }

  public static ContentException conflict(String detail) {
    return new ContentException(Kind.CONFLICT, null, detail);
  }

  /** The change was based on a version of the story that is no longer the newest. */
  public static ContentException stale(String detail) {
    return new ContentException(Kind.STALE, null, detail);
  }

  /** The person's role may not make this change (a contributor changing a published story). */
  public static ContentException forbidden(String detail) {
    return new ContentException(Kind.FORBIDDEN, null, detail);
  }

  public static ContentException invalid(String field, String detail) {
    return new ContentException(Kind.INVALID, field, detail);
  }

  /** An idempotency key sent again with a different request. */
  public static ContentException keyReused(String detail) {
    return new ContentException(Kind.KEY_REUSED, null, detail);
  }

  public Kind kind() {
    return kind;
  }

  public String field() {
    return field;
  }
}
