package newsdesk.store;

/**
 * A WebSub (un)subscription request the hub accepted (202) and has yet to verify with the
 * subscriber: kept in the store so that a restart loses none. {@code mode} is {@code subscribe} or
 * {@code unsubscribe}; {@code leaseSeconds} is the lease granted, counted from the verification.
 */
public record WebSubIntent(long id, String mode, String callback, String topic, String secret, long leaseSeconds) {
  public static final String SUBSCRIBE = "subscribe";
  public static final String UNSUBSCRIBE = "unsubscribe";

  @Override
  public String toString() {
    return "WebSubIntent[" + mode + " " + callback + " to " + topic + "]"; // never the secret
  }
}
