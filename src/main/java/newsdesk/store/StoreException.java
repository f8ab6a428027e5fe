package newsdesk.store;

/** The store could not do what was asked: the database failed, not the caller's input. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
