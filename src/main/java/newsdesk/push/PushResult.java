package newsdesk.push;

import java.time.Duration;

/**
 * What a push service answered to one message, sorted by what we do next.
 *
 * @param status the HTTP status, or 0 when no answer came (a network error)
 * @param retryAfter the service's {@code Retry-After}, when it gave one
 * @param detail the service's answer (or the error), for the log
 */
public record PushResult(Outcome outcome, int status, Duration retryAfter, String detail) {

  public enum Outcome {
    /** 2xx: the service took the message. */
    ACCEPTED,
    /** 404, 410: the subscription is gone for good; forget it. */
    GONE,
    /** 429: slow down; wait at least {@code retryAfter}. */
    RATE_LIMITED,
    /** 5xx or no answer: may work later. */
    TRANSIENT,
    /** 400, 401, 403, 413 and other 4xx: the same request will never work; do not retry. */
    REJECTED
  }

  public static PushResult of(int status, Duration retryAfter, String detail) {
    Outcome o;
    if (status >= 200 && status < 300) o = Outcome.ACCEPTED;
    else if (status == 404 || status == 410) o = Outcome.GONE;
    else if (status == 429) o = Outcome.RATE_LIMITED;
    else if (status >= 500 || status == 0) o = Outcome.TRANSIENT;
    else o = Outcome.REJECTED;
    return new PushResult(o, status, retryAfter, detail);
  }

  public static PushResult networkError(String detail) {
    return new PushResult(Outcome.TRANSIENT, 0, null, detail);
  }
}
