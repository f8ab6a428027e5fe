package newsdesk.store;

/**
 * The store could not do what was asked: the database failed, not the caller's input. Two
 * subclasses the caller can answer: {@link EventIdTakenException}, a refusal (409), and
 * {@link StoreUnavailableException}, the database out of reach for now (503).
 */
public sealed class StoreException extends RuntimeException permits EventIdTakenException, StoreUnavailableException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
