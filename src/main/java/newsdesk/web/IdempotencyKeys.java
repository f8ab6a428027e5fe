package newsdesk.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import newsdesk.content.Once;
import newsdesk.http.Problem;

/**
 * The {@code Idempotency-Key} request header of the API's creates
 * (draft-ietf-httpapi-idempotency-key-header): a key the client chooses per request, scoped to its
 * API token, and the request's fingerprint (a SHA-256 of method, path and body) that tells a retry
 * from another request sent with the same key.
 */
final class IdempotencyKeys {
  static final String HEADER = "Idempotency-Key";
  /** A UUID fits many times over; a key longer than this is a client's bug. */
  private static final int MAX_LENGTH = 255;

  private IdempotencyKeys() {}

  /**
   * {@link Once#NONE} without the header; otherwise the key, scoped to {@code caller} (the token or
   * desk session the request was authorised as).
   *
   * @throws ApiException 400 when the header is empty, too long, or holds characters other than visible ASCII
   */
  static Once once(String caller, String header, String method, String path, byte[] body) {
    if (header == null) return Once.NONE;
    // The draft makes the field an sf-string ("…"); a bare token is taken as well.
    String key = header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"")
        ? header.substring(1, header.length() - 1) : header;
    if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ApiException(Problem.badRequest(HEADER, HEADER + " must be 1 to " + MAX_LENGTH
          + " visible ASCII characters, such as a UUID"));
    }
    return new Once(caller, key, fingerprint(method, path, body));
  }

  private static String fingerprint(String method, String path, byte[] body) {
    try {
      var sha = MessageDigest.getInstance("SHA-256");
      sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      if (body != null) sha.update(body);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
