package newsdesk.callbacks;

/** A callback URL we will not call: not http(s), unreadable, or (after DNS) a private address. */
public final class CallbackRefused extends Exception {
  public CallbackRefused(String message) {
    super(message, null, false, false);
  }
}
