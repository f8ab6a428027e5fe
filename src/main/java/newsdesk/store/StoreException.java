package newsdesk.store;

/**
 * The store could not do what was asked: the database failed, not the caller's input. The one
 * subclass, {@link EventIdTakenException}, is a refusal the caller can answer (409).
 */
public sealed class StoreException extends RuntimeException permits EventIdTakenException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
