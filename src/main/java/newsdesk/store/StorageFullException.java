package newsdesk.store;

/**
 * The disk holding the database is full, so the write was not done (its transaction rolled back
 * whole). Callers answer 503 as for any {@link StoreUnavailableException}; writes go through again
 * once space is freed, with no restart. Reads still work.
 */
public final class StorageFullException extends StoreUnavailableException {
  public StorageFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
